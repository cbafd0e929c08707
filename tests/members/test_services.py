import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from members.choices import MemberStatus
from members.models import Member
from members.services import member_create, member_leave, member_save
from tests.members.ids import resident_id, with_wrong_check_digit

BIRTH = dt.date(1988, 5, 17)


def create(tree, organisation=None, actor=None, number=None, **fields):
    values = {"name": "王芳", "gender": "female", "birth_date": BIRTH,
              "join_date": dt.date(2020, 1, 1), **fields}
    return member_create(actor=actor or tree.cadre_a, organisation=organisation or tree.union_a,
                         document_number=number or resident_id(BIRTH, male=False), **values)


def field_codes(error: ValidationError) -> dict[str, str]:
    return {field: errors[0].code for field, errors in error.error_dict.items()}


def test_the_number_is_encrypted_at_rest_and_found_by_its_hash(tree):
    number = resident_id(BIRTH, male=False)
    member = create(tree, number=number)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM members_member")
        row = " ".join(str(value) for value in cursor.fetchone())
        cursor.execute("SELECT * FROM members_historicalmember")
        history = " ".join(str(value) for value in cursor.fetchone())
    assert number not in row and number[:14] not in row and number not in history
    assert member.id_last4 == number[-4:]
    assert Member.objects.with_document(number).get() == member
    assert Member.objects.get().document_number == number
    assert member.masked_document_number == number[:6] + "********" + number[-4:]


def test_wrong_check_digit_and_disagreements_are_refused(tree):
    with pytest.raises(ValidationError) as info:
        create(tree, number=with_wrong_check_digit(resident_id(BIRTH, male=False)))
    assert field_codes(info.value) == {"document_number": "id_check_digit"}
    with pytest.raises(ValidationError) as info:
        create(tree, number=resident_id(BIRTH, male=True), birth_date=dt.date(1988, 5, 18))
    assert field_codes(info.value) == {"birth_date": "id_birth_mismatch",
                                       "gender": "id_gender_mismatch"}
    assert not Member.objects.exists()


def test_one_active_membership_per_person_in_the_whole_system(tree):
    number = resident_id(BIRTH, male=False)
    create(tree, number=number)
    with pytest.raises(ValidationError) as info:
        create(tree, organisation=tree.union_b, actor=tree.cadre_b, number=number)
    message = info.value.error_dict["document_number"][0].message
    assert tree.union_a.name not in message  # union B may not learn where the person is
    with pytest.raises(ValidationError) as info:
        create(tree, organisation=tree.union_a2, actor=tree.official_street_a, number=number)
    assert tree.union_a.name in info.value.error_dict["document_number"][0].message


def test_the_database_itself_refuses_a_second_active_membership(tree):
    from django.db import IntegrityError, transaction

    first = create(tree)
    clone = Member(organisation=tree.union_b, name="王芳", gender="female", birth_date=BIRTH,
                   join_date=dt.date(2021, 1, 1), id_cipher=first.id_cipher,
                   id_hash=first.id_hash, id_last4=first.id_last4)
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_a_former_member_may_join_again(tree):
    number = resident_id(BIRTH, male=False)
    member = create(tree, number=number)
    member_leave(member=member, actor=tree.cadre_a, status=MemberStatus.WITHDRAWN,
                 on=dt.date(2023, 6, 30))
    again = create(tree, organisation=tree.union_b, actor=tree.cadre_b, number=number)
    assert again.status == MemberStatus.ACTIVE


def test_leaving_needs_a_date(tree):
    member = create(tree)
    member.status = MemberStatus.DECEASED
    with pytest.raises(ValidationError) as info:
        member_save(member, actor=tree.cadre_a)
    assert "status_date" in info.value.error_dict


def test_viewers_and_outsiders_cannot_write(tree):
    with pytest.raises(PermissionDenied):
        create(tree, actor=tree.viewer_a)
    with pytest.raises(PermissionDenied):
        create(tree, actor=tree.cadre_b)


def test_a_member_cannot_be_moved_by_editing(tree):
    member = create(tree)
    member.organisation = tree.union_a2
    with pytest.raises(ValidationError):
        member_save(member, actor=tree.official_district)


def test_phone_must_be_a_mobile_number(tree):
    with pytest.raises(ValidationError) as info:
        create(tree, phone="1380013")
    assert field_codes(info.value) == {"phone": "phone_format"}


def test_history_records_who_changed_what_without_the_cipher(tree):
    member = create(tree, phone="13800138000")
    member.phone = "13900139000"
    member_save(member, actor=tree.official_street_a)
    newest, older = member.history.all()[:2]
    assert newest.history_user == tree.official_street_a
    assert [c.field for c in newest.diff_against(older).changes] == ["phone"]
