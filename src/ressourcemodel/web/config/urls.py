"""Every page of the web app, by domain. Each route has a rule in the authorisation matrix
(tests/web/routes.py); a route without one fails the tests."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ressourcemodel.web.accounts import admin_views as user_admin
from ressourcemodel.web.accounts.views import LoginView, PasswordChangeView, password_reset
from ressourcemodel.web.api.app import api
from ressourcemodel.web.audit import views as audit_views
from ressourcemodel.web.budgets import views as budgets
from ressourcemodel.web.citizens import assessment_views as assessments
from ressourcemodel.web.citizens import record_views as citizen_records
from ressourcemodel.web.citizens import views as citizens
from ressourcemodel.web.common.middleware import error_page
from ressourcemodel.web.documents import views as documents
from ressourcemodel.web.explanations import views as explanations
from ressourcemodel.web.facilities import edit_views as facility_edits
from ressourcemodel.web.facilities import phase_in_views as phase_in
from ressourcemodel.web.facilities import regulation_views as regulation
from ressourcemodel.web.facilities import views as facilities
from ressourcemodel.web.imports import views as imports
from ressourcemodel.web.pot import views as pot
from ressourcemodel.web.tariffs import views as tariffs
from ressourcemodel.web.whatif import views as whatif

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/adgangskode/", PasswordChangeView.as_view(), name="password_change"),
    path("konto/nulstil/", password_reset, name="password_reset"),
    path("brugere/", user_admin.users, name="users"),
    path("brugere/<int:pk>/", user_admin.user_edit, name="user_edit"),
    path("brugere/<int:pk>/deaktiver/", user_admin.deactivate, name="user_deactivate"),
    path("", budgets.home, name="home"),
    path("oversigt/", budgets.overview, name="overview"),
    path("indfasning/", phase_in.page, name="phase_in"),
    path("efterregulering/", regulation.page, name="regulation"),
    path("efterregulering/<str:code>/", regulation.decide, name="regulation_decide"),
    path("tilbud/ny/", facility_edits.facility_new, name="facility_new"),
    path("tilbud/<str:code>/", facilities.facility, name="facility"),
    path("tilbud/<str:code>/rediger/", facility_edits.facility_edit, name="facility_edit"),
    path("tilbud/<str:code>/forbrug/", facility_edits.facility_actuals, name="facility_actuals"),
    path("borgere/", citizens.citizens, name="citizens"),
    path("borgere/ny/", citizen_records.citizen_new, name="citizen_new"),
    path("borgere/<int:pk>/", citizens.citizen, name="citizen"),
    path("borgere/<int:pk>/ophold/ny/", citizen_records.stay_new, name="stay_new"),
    path("borgere/<int:pk>/ophold/foreslaa/", citizen_records.propose_new, name="stay_propose_new"),
    path(
        "borgere/<int:pk>/ophold/<int:stay_id>/foreslaa-afslut/",
        citizen_records.propose_end,
        name="stay_propose_end",
    ),
    path(
        "forslag/<int:proposal_id>/<str:action>/",
        citizen_records.proposal_decide,
        name="proposal_decide",
    ),
    path(
        "borgere/<int:pk>/ophold/<int:stay_id>/afslut/",
        citizen_records.stay_end,
        name="stay_end",
    ),
    path(
        "borgere/<int:pk>/vurdering/<int:assessment_id>/kopier/",
        citizen_records.assessment_copy,
        name="assessment_copy",
    ),
    path("borgere/<int:pk>/doegnskema/", assessments.schedule_editor, name="schedule_new"),
    path("borgere/<int:pk>/doegnskema/gem/", assessments.schedule_save, name="schedule_save_new"),
    path(
        "borgere/<int:pk>/vurdering/<int:assessment_id>/",
        assessments.schedule_editor,
        name="assessment",
    ),
    path(
        "borgere/<int:pk>/vurdering/<int:assessment_id>/gem/",
        assessments.schedule_save,
        name="schedule_save",
    ),
    path(
        "borgere/<int:pk>/vurdering/<int:assessment_id>/<str:action>/",
        assessments.assessment_transition,
        name="assessment_transition",
    ),
    path("api/placering/", assessments.placement_api, name="placement_api"),
    path("api/", api.urls),
    path("takstaar/", tariffs.tariff_year, name="tariff_year"),
    path("takstaar/fremskriv/", tariffs.roll_forward, name="tariff_roll_forward"),
    path("takstaar/offentliggoer/", tariffs.publish, name="tariff_publish"),
    path("pulje/", pot.pot, name="pot"),
    path("revision/", audit_views.audit, name="audit"),
    path("tilbud/<str:code>/takstblad.pdf", documents.takstblad, name="takstblad"),
    path("borgere/<int:pk>/takstgrundlag.pdf", documents.takstgrundlag, name="takstgrundlag"),
    path(
        "takstaar/tilbudsportalen.<str:fmt>",
        documents.tilbudsportalen_file,
        name="tilbudsportalen",
    ),
    path("afregning/", documents.billing, name="billing"),
    path("indlaes/", imports.upload, name="import_upload"),
    path("indlaes/skabelon.xlsx", imports.template, name="import_template"),
    path("indlaes/<int:pk>/", imports.preview, name="import_preview"),
    path("indlaes/<int:pk>/bekraeft/", imports.confirm, name="import_confirm"),
    path("tilbud/<str:code>/forklaring/", explanations.facility, name="explain_facility"),
    path("borgere/<int:pk>/forklaring/", explanations.citizen, name="explain_citizen"),
    path("oversigt/forklaring/", explanations.area, name="explain_area"),
    path("hvad-nu-hvis/", whatif.whatif_list, name="whatif_list"),
    path("hvad-nu-hvis/<int:pk>/", whatif.whatif, name="whatif"),
    path("hvad-nu-hvis/<int:pk>/aendr/<str:what>/", whatif.whatif_change, name="whatif_change"),
    path("hvad-nu-hvis/<int:pk>/scenarie.yaml", whatif.whatif_export, name="whatif_export"),
    path("hvad-nu-hvis/<int:pk>/slet/", whatif.whatif_delete, name="whatif_delete"),
    path(
        "afregning/<str:municipality>/<int:month>/afregning.pdf",
        documents.statement_pdf,
        name="statement_pdf",
    ),
    path(
        "afregning/<str:municipality>/<int:month>/faktureret/",
        documents.mark_invoiced,
        name="mark_invoiced",
    ),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

handler403 = error_page(403, "Ingen adgang", "Din rolle giver ikke adgang til denne side.")
handler404 = error_page(404, "Siden findes ikke", "Siden findes ikke, eller du har ikke adgang.")
handler500 = error_page(500, "Der opstod en fejl", "Der opstod en fejl. Intet er gemt.")
