from django.urls import path

from guidance import views

app_name = "guidance"
urlpatterns = [
    path("", views.home, name="home"),
    path("countries/<str:code>/", views.country_profile, name="country"),
    path("countries/<str:code>/<int:year>/", views.country_profile, name="country-year"),
]
