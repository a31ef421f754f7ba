from django.urls import path
from django.views.generic import TemplateView

from guidance.reading.feeds import CountryUpdatesFeed, SectionUpdatesFeed, UpdatesFeed
from guidance.views import (
    browse,
    changes,
    citations,
    compare,
    countries,
    country_coverage,
    coverage,
    downloads,
    indicators,
    organisations,
    policy_map,
    profile,
    releases,
    reports,
    search,
    sections,
    similar,
    timeline,
)

app_name = "guidance"

RECORD = "countries/<str:code>/<int:year>/"


def flatpage(name):
    return TemplateView.as_view(template_name=f"pages/{name}.html")


urlpatterns = [
    path("", countries.home, name="home"),
    path("countries/", countries.country_index, name="countries"),
    path("countries/<str:code>/", profile.country_profile, name="country"),
    path("countries/<str:code>/changes/", changes.country_changes, name="country-changes"),
    path(
        "countries/<str:code>/coverage/",
        country_coverage.country_coverage_page,
        name="country-coverage",
    ),
    path(
        "countries/<str:code>/coverage/coverage.csv",
        country_coverage.country_coverage_csv,
        name="country-coverage-csv",
    ),
    path(RECORD, profile.country_profile, name="country-year"),
    path(f"{RECORD}cite.<str:fmt>", citations.record_citation, name="record-citation"),
    path(f"{RECORD}report.<str:fmt>", reports.record_report, name="record-report"),
    path(f"{RECORD}changes/", changes.record_changes, name="changes"),
    path(f"{RECORD}changes/<slug:slug>/", changes.record_changes, name="section-changes"),
    path(f"{RECORD}sections/<slug:slug>/", countries.record_section, name="record-section"),
    path(
        f"{RECORD}sections/<slug:slug>/cite.<str:fmt>",
        citations.section_citation,
        name="section-citation",
    ),
    path("compare/", compare.compare, name="compare"),
    path("compare/print/", compare.compare_print, name="compare-print"),
    path("compare/comparison.csv", compare.compare_csv, name="compare-csv"),
    path("compare/report.<str:fmt>", reports.comparison_report, name="compare-report"),
    path("sections/", sections.section_index, name="section-index"),
    path("sections/<slug:slug>/", sections.section_across_countries, name="section"),
    path("sections/<slug:slug>/report.<str:fmt>", reports.section_report, name="section-report"),
    path("coverage/", coverage.coverage, name="coverage"),
    path("coverage/coverage.csv", coverage.coverage_csv, name="coverage-csv"),
    path("countries/<str:code>/similar/", similar.similar, name="similar"),
    path("indicators/", indicators.indicator_matrix, name="indicators"),
    path("indicators/<slug:slug>/", indicators.indicator_map, name="indicator"),
    path(
        "indicators/<slug:slug>/distribution.csv",
        indicators.indicator_distribution_csv,
        name="indicator-distribution-csv",
    ),
    path("organisations/", organisations.organisation_list, name="organisations"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation"),
    path("policies/", browse.policy_list, name="policies"),
    path("policies/policies.csv", browse.policy_csv, name="policies-csv"),
    path("policies/map/", policy_map.policy_map, name="policy-map"),
    path("policies/timeline/", timeline.policy_timeline_page, name="policy-timeline"),
    path(
        "policies/timeline/policy-timeline.csv",
        timeline.policy_timeline_csv,
        name="policy-timeline-csv",
    ),
    path("policies/<int:pk>/", browse.policy_detail, name="policy"),
    path("policies/<int:pk>/cite.<str:fmt>", citations.policy_citation, name="policy-citation"),
    path("initiatives/", browse.initiative_list, name="initiatives"),
    path("initiatives/initiatives.csv", browse.initiative_csv, name="initiatives-csv"),
    path("initiatives/<int:pk>/", browse.initiative_detail, name="initiative"),
    path(
        "initiatives/<int:pk>/cite.<str:fmt>",
        citations.initiative_citation,
        name="initiative-citation",
    ),
    path("feeds/updates/", UpdatesFeed(), name="feed"),
    path("feeds/countries/<str:code>/", CountryUpdatesFeed(), name="country-feed"),
    path("feeds/sections/<slug:slug>/", SectionUpdatesFeed(), name="section-feed"),
    path("search/", search.site_search, name="search"),
    path("downloads/", downloads.download_index, name="downloads"),
    path("downloads/README.txt", downloads.readme, name="downloads-readme"),
    path("downloads/inventory.json", downloads.inventory_json, name="downloads-json"),
    path("downloads/inventory-<slug:name>.csv", downloads.dataset_csv, name="downloads-csv"),
    path("downloads/releases/<str:version>.zip", releases.release_zip_file, name="release-zip"),
    path(
        "downloads/releases/<str:version>/<str:name>",
        releases.release_file,
        name="release-file",
    ),
    path("about/", flatpage("about"), name="about"),
    path("accessibility/", flatpage("accessibility"), name="accessibility"),
    path("how-to-cite/", flatpage("how_to_cite"), name="how-to-cite"),
    path("licence/", flatpage("licence"), name="licence"),
]
