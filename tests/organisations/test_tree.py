import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from organisations.models import Level, Organisation
from organisations.services import organisation_create, organisation_move, organisation_update


def names(queryset):
    return sorted(o.name for o in queryset)


def test_subtree_is_the_node_and_everything_below(tree):
    assert names(Organisation.objects.subtree(tree.street_a)) == sorted(
        ["东关街道总工会", "机械厂工会", "第一中学工会", "铸造车间分工会"])
    assert names(Organisation.objects.subtree(tree.union_b)) == ["软件园联合工会"]
    assert Organisation.objects.subtree(tree.district).count() == 7


def test_subtree_is_one_query_with_a_prefix_predicate(tree):
    with CaptureQueriesContext(connection) as queries:
        list(Organisation.objects.subtree(tree.street_a))
    assert len(queries) == 1
    assert "LIKE" in queries[0]["sql"].upper()


def test_ancestors_come_from_the_path(tree):
    assert names(Organisation.objects.ancestors_of(tree.branch_a)) == sorted(
        ["明湖区总工会", "东关街道总工会", "机械厂工会", "铸造车间分工会"])


def test_moving_a_node_moves_its_whole_subtree(tree):
    organisation_move(organisation=tree.union_a, parent=tree.street_b)
    for org in (tree.union_a, tree.branch_a, tree.street_b):
        org.refresh_from_db()
    assert tree.union_a.parent == tree.street_b
    assert tree.branch_a.path.startswith(tree.street_b.path)
    assert names(Organisation.objects.subtree(tree.street_b)) == sorted(
        ["文化路街道总工会", "软件园联合工会", "机械厂工会", "铸造车间分工会"])
    assert names(Organisation.objects.subtree(tree.street_a)) == sorted(
        ["东关街道总工会", "第一中学工会"])


def code_of(error: ValidationError, field: str) -> str:
    return error.error_dict[field][0].code


def test_a_node_cannot_move_below_itself(tree):
    with pytest.raises(ValidationError) as info:
        organisation_move(organisation=tree.street_a, parent=tree.branch_a)
    assert code_of(info.value, "parent") == "tree_cycle"
    assert tree.branch_a.name in info.value.error_dict["parent"][0].message
    tree.street_a.refresh_from_db()
    assert tree.street_a.parent == tree.district


def test_a_child_cannot_sit_at_or_above_its_parents_level(tree):
    with pytest.raises(ValidationError) as info:
        organisation_create(parent=tree.union_a, name="假街道", level=Level.STREET)
    assert code_of(info.value, "parent") == "tree_level"
    with pytest.raises(ValidationError) as info:
        organisation_move(organisation=tree.street_b, parent=tree.street_a)
    assert code_of(info.value, "parent") == "tree_level"
    assert not Organisation.objects.filter(name="假街道").exists()


def test_raising_a_nodes_level_above_its_children_is_refused(tree):
    with pytest.raises(ValidationError) as info:
        organisation_update(organisation=tree.union_a, level=Level.BRANCH)
    assert code_of(info.value, "level") == "tree_level"


def test_levels_may_be_skipped_downwards(tree):
    org = organisation_create(parent=tree.district, name="区直机关工会", level=Level.GRASSROOTS)
    assert org.is_within(tree.district)


def test_a_node_without_a_path_is_refused_by_the_database(db):
    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="无路径", level=Level.GRASSROOTS)


def test_a_pathless_node_never_scopes_to_everything(tree):
    stray = Organisation(name="未保存", level=Level.GRASSROOTS)
    with pytest.raises(ValueError):
        Organisation.objects.subtree(stray)


def test_credit_code_is_validated_and_normalised(tree):
    org = organisation_create(parent=tree.street_a, name="有代码的工会", level=Level.GRASSROOTS,
                              credit_code="91350100m000100y43")
    assert org.credit_code == "91350100M000100Y43"
    with pytest.raises(ValidationError) as info:
        organisation_create(parent=tree.street_a, name="错代码", level=Level.GRASSROOTS,
                            credit_code="91350100M000100Y44")
    assert "credit_code" in info.value.error_dict


def test_term_must_end_after_it_starts(tree):
    import datetime as dt

    with pytest.raises(ValidationError):
        organisation_update(organisation=tree.union_a, term_start=dt.date(2024, 1, 1),
                            term_end=dt.date(2023, 1, 1))


def test_reelection_due_when_the_term_has_ended(tree):
    import datetime as dt

    org = organisation_update(organisation=tree.union_a, term_start=dt.date(2020, 1, 1),
                              term_end=dt.date(2025, 1, 1))
    assert org.reelection_due(dt.date(2025, 1, 1))
    assert not org.reelection_due(dt.date(2024, 12, 31))
