"""The report sections come out of records: the seed's figures entered, the same read back.

Seed 000 (a factory's and a street federation's 20_ summary) says:
- "一届一次职代会期间，共收到提案、建议35份…除已经落实或正在落实的3条及…做过详细解释的13条外，
  同意立案9条，答复7条". 3 + 13 + 9 + 7 = 32: the text does not say what became of the
  other 3, so they are entered as not yet reviewed. The 3 already implemented or being
  implemented needed no case (no review outcome) and carry their implementation status;
  the 13 were explained (已作解释); the 9 accepted (立案); the 7 answered by the departments
  without a case, i.e. turned into opinions (不立案转意见).
- "共调处劳动纠纷27起，共接待职工信访27件，成功调处劳资纠纷27件，其中劳动合同5件，工资纠纷10件，
  工伤纠纷7件，其他5件，涉及职工120名，涉案金额1329770元。调出率100%，成功率100%".
"""

import datetime as dt
from decimal import Decimal

import pytest

from rights.report import democratic_management, rights_protection
from tests.rights import factories as f

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.fixture
def congress(tree):
    a, cadre = tree.union_a, tree.cadre_a
    session = f.session(a, cadre, date=dt.date(2025, 4, 29), delegates_elected=120,
                        delegates_present=112)
    f.resolution(session, cadre, title="职工福利基金使用报告", votes_for=100)
    f.resolution(session, cadre, title="职工采暖改革实施方案", votes_for=98)
    f.resolution(session, cadre, title="食堂承包方案", votes_for=60, votes_against=40)
    numbers = iter(range(1, 36))

    def entered(count, **fields):
        for _ in range(count):
            f.motion(a, cadre, session=session, date=dt.date(2025, 4, 30),
                     number=str(next(numbers)), **fields)

    entered(2, implementation="implemented")
    entered(1, implementation="in_progress")
    entered(13, review_outcome="explained")
    entered(9, review_outcome="accepted", department="后勤处",
            reply_deadline=dt.date(2025, 7, 31))
    entered(7, review_outcome="opinion", department="人力资源处",
            reply_deadline=dt.date(2025, 7, 31), reply="已答复", reply_date=dt.date(2025, 7, 1))
    entered(3)
    return session


def test_the_seed_motions_come_back(tree, congress):
    figures = democratic_management(tree.street_a, *YEAR)
    assert figures.sessions == 1 and figures.delegates_present == 112
    assert figures.resolutions == 3 and figures.resolutions_adopted == 2  # 60 ≤ 120 / 2
    assert figures.motions_received == 35
    assert figures.motions_implemented_or_in_progress == 3
    assert figures.motions_by_outcome == {"accepted": 9, "opinion": 7, "merged": 0,
                                          "explained": 13}
    assert figures.motions_not_reviewed == 6  # the 3 already implemented + 3 unaccounted
    assert figures.motions_by_implementation == {"implemented": 2, "in_progress": 1,
                                                 "not_implemented": 0}
    assert figures.acceptance_rate == Decimal("25.7")  # 9 / 35
    assert figures.motions_replied == 7
    assert figures.motions_overdue == 9  # the 9 accepted: no reply by year end
    assert not figures.is_empty


def test_contracts_signed_in_force_and_covered(tree):
    a, cadre = tree.union_a, tree.cadre_a
    # "以__、__两个区域集体合同暨工资集体协商协议签订为主要突破口"
    f.contract(tree.street_a, tree.official_street_a, title="东关区域集体合同",
               contract_type="comprehensive", scope="regional", enterprises_covered=12,
               date=dt.date(2025, 3, 1), end_date=dt.date(2028, 2, 29), workers_covered=900)
    f.contract(tree.street_a, tree.official_street_a, title="东关区域工资专项集体协议",
               contract_type="wages", scope="regional", enterprises_covered=12,
               date=dt.date(2025, 3, 1), end_date=dt.date(2026, 2, 28), workers_covered=900)
    f.contract(a, cadre, title="女职工权益保护专项集体合同", contract_type="women",
               date=dt.date(2023, 5, 1), end_date=dt.date(2026, 4, 30), workers_covered=300)
    f.contract(a, cadre, title="已到期的集体合同", date=dt.date(2022, 1, 1),
               end_date=dt.date(2024, 12, 31), workers_covered=500)
    f.contract(a, cadre, title="明年签订", date=dt.date(2026, 1, 5), workers_covered=50)
    f.contract(tree.union_b, tree.cadre_b, title="别的街道", workers_covered=7000)
    figures = democratic_management(tree.street_a, *YEAR)
    assert figures.contracts_signed == 2
    assert figures.contracts_signed_by_type == {"comprehensive": 1, "wages": 1, "women": 0,
                                                "safety": 0}
    assert figures.contracts_in_force == 3
    assert figures.workers_covered == 2100


@pytest.fixture
def disputes(tree):
    kinds = ["contract"] * 5 + ["wages"] * 10 + ["injury"] * 7 + ["other"] * 5
    places = [(tree.union_a, tree.cadre_a), (tree.union_a2, tree.official_street_a),
              (tree.branch_a, tree.cadre_a)]
    for i, kind in enumerate(kinds):
        org, actor = places[i % 3]
        received = dt.date(2025, 1 + i % 12, 3)
        last = i == len(kinds) - 1
        f.dispute(org, actor, date=received, dispute_type=kind, channel="mediation",
                  workers_involved=16 if last else 4,
                  amount=Decimal("55770") if last else Decimal("49000"),
                  outcome="settled", closed_on=received + dt.timedelta(days=10))
        f.petition(org, actor, date=received, outcome="resolved",
                   handled_on=received + dt.timedelta(days=5))
    # Outside the subtree or the period: not counted.
    f.dispute(tree.union_b, tree.cadre_b, workers_involved=50, amount=Decimal("1000"))
    f.dispute(tree.union_a, tree.cadre_a, date=dt.date(2024, 12, 31))
    f.petition(tree.union_b, tree.cadre_b)


def test_the_seed_disputes_come_back(tree, disputes):
    figures = rights_protection(tree.street_a, *YEAR)
    assert figures.disputes == 27
    assert figures.disputes_by_type == {"contract": 5, "wages": 10, "injury": 7,
                                        "social_insurance": 0, "other": 5}
    assert figures.workers_involved == 120
    assert figures.amount == Decimal("1329770")
    assert figures.mediated == 27 and figures.legal_aid == 0
    assert figures.closed_rate == Decimal("100.0")   # 调出率
    assert figures.success_rate == Decimal("100.0")  # 成功率
    assert figures.petitions == 27 and figures.petitions_handled == 27


def test_success_rate_is_settled_over_closed(tree):
    a, cadre = tree.union_a, tree.cadre_a
    for outcome in ["settled", "settled", "settled", "failed"]:
        f.dispute(a, cadre, outcome=outcome, closed_on=dt.date(2025, 6, 10))
    f.dispute(a, cadre, channel="legal_aid")  # still open: not in the denominator
    figures = rights_protection(tree.union_a, *YEAR)
    assert figures.disputes_closed == 4
    assert figures.success_rate == Decimal("75.0")
    assert figures.closed_rate == Decimal("80.0")
    assert figures.legal_aid == 1


def test_empty_sections_say_so(tree):
    assert democratic_management(tree.union_a2, *YEAR).is_empty
    empty = rights_protection(tree.union_a2, *YEAR)
    assert empty.is_empty and empty.success_rate is None and empty.amount == 0


def _records(tree, count):
    a, cadre = tree.union_a, tree.cadre_a
    for i in range(count):
        day = dt.date(2025, 1 + i % 12, 1 + i)
        session = f.session(a, cadre, date=day, term=1, session_number=i + 1)
        f.resolution(session, cadre)
        f.motion(a, cadre, number=str(i), date=day, review_outcome="accepted")
        f.contract(a, cadre, date=day)
        f.dispute(a, cadre, date=day, outcome="settled", closed_on=day)
        f.petition(a, cadre, date=day)


@pytest.mark.parametrize("count", [2, 20])
def test_queries_do_not_grow_with_the_records(tree, count, django_assert_num_queries):
    _records(tree, count)
    with django_assert_num_queries(4):
        assert democratic_management(tree.district, *YEAR).motions_received == count
    with django_assert_num_queries(2):
        assert rights_protection(tree.district, *YEAR).disputes == count
