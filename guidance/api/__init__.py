"""The public REST API v1 (README "API"): filterset → serializer → viewset → route."""
