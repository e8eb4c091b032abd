from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .accounts.views import LoginView
from .audit import views as audit_views
from .care import views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("oversigt/", views.overview, name="overview"),
    path("tilbud/<str:code>/", views.facility, name="facility"),
    path("borgere/", views.citizens, name="citizens"),
    path("borgere/<int:pk>/", views.citizen, name="citizen"),
    path("borgere/<int:pk>/doegnskema/", views.schedule_editor, name="schedule_new"),
    path("borgere/<int:pk>/doegnskema/gem/", views.schedule_save, name="schedule_save_new"),
    path(
        "borgere/<int:pk>/vurdering/<int:assessment_id>/", views.schedule_editor, name="assessment"
    ),
    path(
        "borgere/<int:pk>/vurdering/<int:assessment_id>/gem/",
        views.schedule_save,
        name="schedule_save",
    ),
    path(
        "borgere/<int:pk>/vurdering/<int:assessment_id>/<str:action>/",
        views.assessment_transition,
        name="assessment_transition",
    ),
    path("api/placering/", views.placement_api, name="placement_api"),
    path("takstaar/", views.tariff_year, name="tariff_year"),
    path("pulje/", views.pot, name="pot"),
    path("revision/", audit_views.audit, name="audit"),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
