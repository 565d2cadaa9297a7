"""Merging a person entered twice ("Lao Tzu" and "Laozi") into one.

Everything that pointed at the duplicate moves to the survivor in one transaction: quotes,
roles (a role the survivor already holds absorbs the duplicate's), aliases, and the
duplicate's name becomes an alias. Facts the survivor lacks (Wikidata id, dates,
description) are taken over. The old slug keeps answering, as a redirect to the survivor,
and every row the merge touched gets a history entry saying so.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from .choices import AliasKind
from .models import Affiliation, Alias, Person, PersonRedirect

FACTS_TAKEN_OVER = ["wikidata_id", "description", "birth_date", "death_date"]


def _same_role(survivor: Person, affiliation: Affiliation) -> Affiliation | None:
    return survivor.affiliations.filter(
        organization_id=affiliation.organization_id,
        role=affiliation.role,
        start_date=affiliation.start_date,
    ).first()


def _with_reason(instance, reason: str, user):
    instance._change_reason = reason
    if user is not None:
        instance._history_user = user
    return instance


def _repoint_references(old, new, reason: str, user, handled=()):
    """Point every row that references ``old`` at ``new``: quotes, and whatever later models
    refer to people, without this app knowing them (quotes depend on actors, not the reverse).
    """
    for relation in old._meta.related_objects:
        if not relation.one_to_many or relation.related_model in handled:
            continue
        model, name = relation.related_model, relation.field.name
        moved = list(model._base_manager.filter(**{name: old}).values_list("pk", flat=True))
        model._base_manager.filter(pk__in=moved).update(**{name: new})
        if moved and hasattr(model, "history"):
            model.history.bulk_history_create(
                list(model._base_manager.filter(pk__in=moved)),
                default_user=user,
                default_change_reason=reason,
            )


def lock_pair(survivor: Person, duplicate: Person) -> tuple[Person, Person]:
    """Both people as stored, locked in a fixed order so concurrent merges cannot interleave
    (nor deadlock); call inside a transaction."""
    locked = {
        p.pk: p
        for p in Person.objects.select_for_update()
        .filter(pk__in=[survivor.pk, duplicate.pk])
        .order_by("pk")
    }
    return locked[survivor.pk], locked[duplicate.pk]


def merge_people(survivor: Person, duplicate: Person, *, user=None) -> Person:
    """Merge ``duplicate`` into ``survivor`` and delete it; returns the updated survivor."""
    if survivor.pk == duplicate.pk:
        raise ValidationError("A person cannot be merged into themselves.")
    reason = f"Merged {duplicate.name} ({duplicate.slug}) into {survivor.name} ({survivor.slug})."
    with transaction.atomic():
        survivor, duplicate = lock_pair(survivor, duplicate)

        for affiliation in duplicate.affiliations.all():
            twin = _same_role(survivor, affiliation)
            if twin is None:
                affiliation.person = survivor
                _with_reason(affiliation, reason, user).save()
            else:
                _repoint_references(affiliation, twin, reason, user)
                _with_reason(affiliation, reason, user).delete()

        _repoint_references(
            duplicate, survivor, reason, user, handled={Affiliation, Alias, PersonRedirect}
        )

        known_names = {survivor.name, *survivor.aliases.values_list("name", flat=True)}
        for alias in duplicate.aliases.all():
            if alias.name in known_names:
                _with_reason(alias, reason, user).delete()
            else:
                alias.person = survivor
                _with_reason(alias, reason, user).save()
                known_names.add(alias.name)
        if duplicate.name not in known_names:
            _with_reason(
                Alias(person=survivor, name=duplicate.name, kind=AliasKind.OTHER), reason, user
            ).save()

        taken_over = [
            fact
            for fact in FACTS_TAKEN_OVER
            if not getattr(survivor, fact) and getattr(duplicate, fact)
        ]
        for fact in taken_over:
            setattr(survivor, fact, getattr(duplicate, fact))

        PersonRedirect.objects.filter(person=duplicate).update(person=survivor)
        old_slug = duplicate.slug
        _with_reason(duplicate, reason, user).delete()
        PersonRedirect.objects.update_or_create(old_slug=old_slug, defaults={"person": survivor})
        survivor.full_clean()
        _with_reason(survivor, reason, user).save(update_fields=[*taken_over, "updated_at"])
    return survivor
