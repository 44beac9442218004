"""The academy's default quality checklist; staff may change it in the back office."""

from django.db import migrations

CHECKLIST = [
    ("learning-objectives", "Learning objectives are clear and measurable",
     "Les objectifs d'apprentissage sont clairs et mesurables",
     "Los objetivos de aprendizaje son claros y medibles"),
    ("evidence-base", "Evidence base and references are current and cited",
     "Les données probantes et les références sont à jour et citées",
     "La base de evidencia y las referencias están actualizadas y citadas"),
    ("accessibility", "Content is accessible (structure, alternatives, transcripts)",
     "Le contenu est accessible (structure, alternatives, transcriptions)",
     "El contenido es accesible (estructura, alternativas, transcripciones)"),
    ("inclusive-language", "Language is inclusive and respectful",
     "Le langage est inclusif et respectueux",
     "El lenguaje es inclusivo y respetuoso"),
    ("translation-checked", "Translation checked (or not applicable)",
     "Traduction vérifiée (ou sans objet)",
     "Traducción verificada (o no aplica)"),
    ("licence", "Licence is stated and permits the intended use",
     "La licence est indiquée et permet l'usage prévu",
     "La licencia está indicada y permite el uso previsto"),
]


def add_checklist(apps, schema_editor):
    criterion = apps.get_model("authoring", "QualityCriterion")
    for position, (slug, en, fr, es) in enumerate(CHECKLIST):
        criterion.objects.get_or_create(
            slug=slug, defaults={"position": position, "names": {"en": en, "fr": fr, "es": es}}
        )


def remove_checklist(apps, schema_editor):
    apps.get_model("authoring", "QualityCriterion").objects.filter(
        slug__in=[row[0] for row in CHECKLIST]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("authoring", "0001_drafts_comments_reviews_history")]

    operations = [migrations.RunPython(add_checklist, remove_checklist)]
