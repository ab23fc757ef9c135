"""The indicator catalog (data/indicators.csv) and matching names as written in the seed reports
and the Ministry of Finance workbook to catalog ids."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest
from python_calamine import CalamineWorkbook

from etl.errors import Refused
from etl.indicators import (
    DEFAULT_PATH,
    DIRECTIONS,
    DOMAINS,
    HEADER,
    KINDS,
    Catalog,
    Indicator,
    Match,
    normalize,
    uncatalogued_id,
)

ROOT = Path(__file__).resolve().parents[2]
FINAL_2013 = Path(__file__).resolve().parents[2] / "data" / "real" / "Final_2013.xls"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def _csv_rows() -> list[dict[str, str]]:
    with DEFAULT_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ------------------------------------------------------------ appendix of 002 (plan 2022)

GTSX = "Giá trị sản xuất (theo giá so sánh năm 2010)"
JOBS = "Giải quyết việc làm"
POOR = "Tỷ lệ hộ nghèo"
CULTURE = "Chỉ tiêu về lĩnh vực văn hóa"
HEALTH = "Chỉ tiêu về y tế"
MALNUTRITION = "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng"
NTM = "Chỉ tiêu về xây dựng nông thôn mới"
WATER_WASTE = "Chỉ tiêu về dân số sử dụng nước sạch, thu gom xử lý rác thải"
FOREST = "Chỉ tiêu về trồng rừng"
PARTY_ORGS = "Tổ chức Đảng hoàn thành tốt nhiệm vụ"
PARTY_MEMBERS = "Đảng viên hoàn thành tốt nhiệm vụ"

APPENDIX_002 = [
    (None, GTSX, "growth_total"),
    (GTSX, "Ngành Nông, lâm nghiệp và thuỷ sản", "growth_agri"),
    (GTSX, "Ngành Công nghiệp", "growth_industry"),
    (GTSX, "Ngành Xây dựng", "growth_construction"),
    (GTSX, "Ngành Dịch vụ", "growth_services"),
    (None, "Thu NSNN do huyện quản lý", "budget_revenue_local"),
    (None, JOBS, "jobs_created"),
    (JOBS, "Trong đó, tỷ lệ lao động qua đào tạo", "trained_labor_rate"),
    (None, "Trường học đạt chuẩn quốc gia", "schools_standard"),
    (None, POOR, "poverty_rate"),
    (POOR, "Trong đó hộ nghèo dân tộc thiểu số", "poverty_rate_ethnic"),
    (CULTURE, "Giữ vững Thôn, tổ dân phố, cơ quan, đơn vị, doanh nghiệp được công nhận đạt "
              "chuẩn văn hóa", "cultural_units_rate"),
    (CULTURE, 'Giữ vững "xã đạt chuẩn văn hóa nông thôn mới"', "communes_cultural_ntm"),
    (CULTURE, 'Giữ vững "thị trấn đạt chuẩn văn minh đô thị"', "towns_civilized"),
    (CULTURE, "Số hộ gia đình văn hóa", "cultural_households_rate"),
    (HEALTH, "Duy trì xã, thị trấn đạt bộ tiêu chí quốc gia về y tế", "health_standard_communes"),
    (HEALTH, "Số bác sĩ/1 vạn dân", "doctors_per_10k"),
    (HEALTH, "Số giường bệnh/1 vạn dân", "beds_per_10k"),
    (None, MALNUTRITION, "malnutrition_rate"),
    (MALNUTRITION, "Theo thẻ thấp còi", "malnutrition_stunting_rate"),
    (MALNUTRITION, "Theo thẻ cân nặng", "malnutrition_underweight_rate"),
    (None, "Tỷ lệ tăng dân số tự nhiên", "population_growth_rate"),
    (None, "Tỷ lệ bảo hiểm y tế toàn dân", "health_insurance_rate"),
    (None, "Tỷ lệ hộ dân nông thôn được sử dụng điện", "rural_electricity_rate"),
    (NTM, "Củng cố, nâng cao chất lượng các tiêu chí nông thôn mới", "ntm_maintained"),
    (NTM, "Xã đạt chuẩn nông thôn mới nâng cao", "ntm_advanced_communes"),
    (WATER_WASTE, "Tỷ lệ dân số nông thôn, đô thị được sử dụng nước hợp vệ sinh",
     "clean_water_rate"),
    (WATER_WASTE, "Rác thải đô thị", "waste_urban_rate"),
    (WATER_WASTE, "Rác thải nông thôn", "waste_rural_rate"),
    (WATER_WASTE, "Rác thải y tế", "waste_medical_rate"),
    (None, FOREST, "afforestation_area"),
    (FOREST, "Trồng rừng trên diện tích lấn chiếm", "afforestation_encroached_area"),
    (FOREST, "Trồng rừng làm giải phân cách", "afforestation_buffer_area"),
    (None, "Hoàn thành dữ liệu số đáp ứng công tác CCHC và chính quyền điện tử", "digital_data"),
    (None, "Giữ vững ổn định chính trị xã hội, quốc phòng – an ninh", "political_stability"),
    (None, PARTY_ORGS, "party_orgs_good_rate"),
    (PARTY_ORGS, "Tổ chức Đảng hoàn thành XSNV", "party_orgs_excellent_rate"),
    (PARTY_ORGS, PARTY_MEMBERS, "party_members_good_rate"),
    (PARTY_MEMBERS, "Trong đó đảng viên hoàn thành XSNV", "party_members_excellent_rate"),
    (None, "Phát triển đảng", "new_party_members"),
]

# ------------------------------------------------------------ appendix of 003 (mid-term)

ECONOMY = "Về kinh tế"
SOCIETY = "Văn hóa – xã hội"
POLITICS = "Về xây dựng hệ thống chính trị"
GROWTH_ROW = ("Tăng trưởng tổng giá trị sản xuất bình quân giai đoạn 2021 -2023 (theo giá so "
              "sánh năm 2010), trong đó:")
REVENUE_ROW = ("Tổng thu ngân sách nhà nước giai đoạn 2021-2023 ước đạt 8.397 tỷ đồng, tăng "
               "bình quân:")
NTM_ROW = ("100% phường giữ vững chuẩn văn minh đô thị và đạt chuẩn phường phát triển toàn "
           "diện; 100% số xã đạt chuẩn nông thôn mới với chỉ số điểm chuẩn 90% trở lên.")
HEALTH_ROW = "Có 100% xã, phường đạt chuẩn quốc gia về y tế"
CULTURE_ROW = ("- Tỷ lệ hộ gia đình văn hóa đạt %; - Thôn, tổ dân phố văn hóa đạt 100%; xã, "
               "phường đạt chuẩn văn hóa %;")
UNION_ROW = "- Cơ quan, đơn vị, doanh nghiệp có tổ chức công đoàn đạt chuẩn văn hóa;"
SCHOOL_ROW = "Tỷ lệ kiên cố hóa trường lớp"
WATER_ROW = "Tỷ lệ hộ dân khu vực nội thị sử dụng nước hợp vệ sinh"
PARTY_ROW = ("Hàng năm, có trên 80% tổ chức cơ sở đảng đạt tiêu chuẩn “Hoàn thành tốt nhiệm "
             "vụ” trở lên")

APPENDIX_003 = [
    (ECONOMY, GROWTH_ROW, "growth_total"),
    (GROWTH_ROW, "- Khu vực công nghiệp - xây dựng tăng", "growth_industry_construction"),
    (GROWTH_ROW, "- Khu vực dịch vụ tăng;", "growth_services"),
    (GROWTH_ROW, "- Khu vực nông, lâm nghiệp và thuỷ sản tăng.", "growth_agri"),
    (ECONOMY, REVENUE_ROW, "budget_revenue_growth"),
    (REVENUE_ROW, "Trong đó: thuế, phí tăng bình quân", "budget_revenue_tax_fee_growth"),
    (ECONOMY, "Tổng kim ngạch xuất khẩu 3 năm ước đạt 575 triệu USD, đạt 33% so kế hoạch giai "
              "đoạn 2021-2025.", "export_growth"),
    (SOCIETY, "Tỷ lệ hộ nghèo", "poverty_rate"),
    (SOCIETY, "Tỷ lệ tăng dân số tự nhiên", "population_growth_rate"),
    (SOCIETY, NTM_ROW, "wards_civilized_communes_ntm_rate"),
    (NTM_ROW, "Có 01 xã đạt chuẩn nông thôn mới kiểu mẫu.", "ntm_model_communes"),
    (SOCIETY, "Tỷ lệ bảo hiểm y tế toàn dân đến năm 2023", "health_insurance_rate"),
    (SOCIETY, HEALTH_ROW, "health_standard_communes_rate"),
    (HEALTH_ROW, "Tỷ lệ bác sĩ/1 vạn dân.", "doctors_per_10k"),
    (HEALTH_ROW, "Có giường bệnh/1 vạn dân.", "beds_per_10k"),
    (SOCIETY, CULTURE_ROW, "cultural_households_rate"),
    (CULTURE_ROW, UNION_ROW, "cultural_agencies_rate"),
    (UNION_ROW, "+ Có 50% thôn, tổ dân phố đạt chuẩn “Khu dân cư tiêu biểu”,",
     "model_residential_areas_rate"),
    (UNION_ROW, "+ Có 30% trở lên đạt “Khu dân cư kiểu mẫu”",
     "exemplary_residential_areas_rate"),
    (SOCIETY, SCHOOL_ROW, "school_solidification_rate"),
    (SCHOOL_ROW, "Số trường công lập đạt chuẩn quốc gia giai đoạn 1 là 57/66 trường",
     "schools_standard_l1_rate"),
    (SCHOOL_ROW, "Số trường công lập đạt chuẩn QG giai đoạn 2 là 18/57 trường.",
     "schools_standard_l2_rate"),
    (SOCIETY, WATER_ROW, "clean_water_urban_rate"),
    (WATER_ROW, "- Sử dụng nước máy", "tap_water_urban_rate"),
    (WATER_ROW, "- Sử dụng nước hợp vệ sinh khu vực nông thôn", "clean_water_rural_rate"),
    (SOCIETY, "Tỷ lệ thu gom và xử lý rác thải đô thị", "waste_urban_rate"),
    (SOCIETY, "Tỷ lệ che phủ rừng", "forest_cover_rate"),
    (POLITICS, PARTY_ROW, "party_orgs_good_rate"),
    (PARTY_ROW, "- Kết nạp được 263 quần chúng ưu tú vào Đảng, đạt 47,8%.", "new_party_members"),
]


@pytest.mark.parametrize(("parent", "text", "expected"), APPENDIX_002 + APPENDIX_003)
def test_every_appendix_row_matches_its_indicator(catalog, parent, text, expected):
    found = catalog.match(text, parent)
    assert (found.indicator_id, found.catalogued) == (expected, True), found


@pytest.mark.parametrize(("parent", "text", "expected"), APPENDIX_002 + APPENDIX_003)
def test_appendix_rows_also_match_alone(catalog, parent, text, expected):
    """A row copied without its parent (a report quoting the plan) lands on the same id."""
    assert catalog.match(text).indicator_id == expected


CONTEXT = [  # (parent row or header, sub-row, expected): the sub-row alone says too little
    ("Tỷ lệ hộ nghèo", "Riêng đồng bào DTTS", "poverty_rate_ethnic"),
    ("Tỷ lệ giảm nghèo", "riêng đồng bào dân tộc thiểu số", "poverty_reduction_rate_ethnic"),
    ("BỔ SUNG TỪ NSTW CHO NSĐP", "TỔNG SỐ", "budget_transfer_total"),
    ("BỔ SUNG CÓ MỤC TIÊU", "Vốn ngoài nước", "budget_transfer_targeted_foreign"),
    ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng", "Thể thấp còi (chiều cao theo tuổi)",
     "malnutrition_stunting_rate"),
    ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng", "Suy dinh dưỡng thấp còi",
     "malnutrition_stunting_rate"),
]


@pytest.mark.parametrize(("parent", "text", "expected"), CONTEXT)
def test_sub_rows_are_read_with_their_parent(catalog, parent, text, expected):
    found = catalog.match(text, parent)
    assert (found.indicator_id, found.how in ("context", "exact", "fuzzy")) == (expected, True)


FUZZY = [  # spellings no synonym lists, close enough to one that does
    ("Tỷ lệ thu gom rác thải đô thị", "waste_urban_rate"),
    ("Tỷ lệ trẻ em suy dinh dưỡng thể thấp còi", "malnutrition_stunting_rate"),
    ("Tổng thu ngân sách nhà nước trên địa bàn thị xã năm 2024", "budget_revenue_total"),
    ("Tỷ lệ hộ nghèo chung toàn huyện", "poverty_rate"),
]


@pytest.mark.parametrize(("text", "expected"), FUZZY)
def test_close_spellings_are_found(catalog, text, expected):
    found = catalog.match(text)
    assert (found.indicator_id, found.catalogued) == (expected, True)
    assert found.score >= 0.9


@pytest.mark.parametrize("text", [
    "Số hộ nghèo dân tộc thiểu số",        # a count, the catalog has the rate
    "Tỷ lệ tăng thu nhập bình quân đầu người",
    "Tổng vốn đầu tư ngoài nhà nước",    # a part, not 'Tổng vốn đầu tư toàn xã hội'
])
def test_fuzzy_matching_does_not_cross_count_rate_or_growth(catalog, text):
    assert not catalog.match(text).catalogued


# ------------------------------------------------------------ plan and report spellings

SPELLINGS = [
    ("growth_agri", [
        (GTSX, "Ngành Nông, lâm nghiệp và thuỷ sản"),
        (None, "Tốc độ tăng giá trị sản xuất ngành nông, lâm nghiệp và thủy sản"),
        (GROWTH_ROW, "- Khu vực nông, lâm nghiệp và thuỷ sản tăng."),
        (None, "Ngành nông lâm nghiệp và thủy sản tăng"),            # 002, 2021 results
        (None, "+ Nông nghiệp, lâm nghiệp và thủy sản tăng từ 6-7%;"),  # 002, targets
        (None, "nông nghiệp tăng"),                                  # 003, rest of the term
    ]),
    ("growth_industry", [
        (GTSX, "Ngành Công nghiệp"),
        (None, "Công nghiệp tăng"),
        (None, "Tốc độ tăng giá trị sản xuất ngành công nghiệp"),
    ]),
    ("growth_services", [
        (GTSX, "Ngành Dịch vụ"),
        (GROWTH_ROW, "- Khu vực dịch vụ tăng;"),
        (None, "thương mại - dịch vụ tăng"),
        (None, "Giá trị sản xuất ngành Thương mại - Dịch vụ"),
    ]),
    ("growth_total", [
        (None, GROWTH_ROW),
        (None, "Tăng trưởng giá trị sản xuất giai đoạn 2021 - 2025"),
        (None, "tốc độ tăng trưởng bình quân 03 năm 2021 - 2023"),   # 004
        (None, GTSX),
    ]),
    ("poverty_rate", [
        (None, "Tỷ lệ hộ nghèo"),
        (None, "Tỷ lệ hộ nghèo theo tiêu chí mới đến năm 2025"),
        (None, "Tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều giai đoạn 2021-2025)"),
        (None, "tỷ lệ hộ nghèo đến tháng 6/2023"),                    # 004
    ]),
    ("budget_revenue_local", [
        (None, "Thu NSNN do huyện quản lý"),
        (None, "Thu ngân sách nhà nước do huyện quản lý đạt và vượt dự toán Tỉnh giao"),
        (None, "thu NSNN do xã quản lý"),
    ]),
    ("population_growth_rate", [
        (None, "Tỷ lệ tăng dân số tự nhiên"),
        (None, "Tỷ lệ tăng dân số tự nhiên đến năm 2025"),
    ]),
]


@pytest.mark.parametrize(("expected", "spellings"), SPELLINGS, ids=[s[0] for s in SPELLINGS])
def test_plan_and_report_spellings_meet_on_one_id(catalog, expected, spellings):
    got = {text: catalog.match(text, parent).indicator_id for parent, text in spellings}
    assert set(got.values()) == {expected}, got


# ------------------------------------------------------------ figures named in the texts

REPORT_TEXT = [
    # 000: Xã Đức Trọng
    ("diện tích tự nhiên", "natural_area"),
    ("dân số", "population"),
    ("người dân tộc thiểu số", "population_ethnic_minority"),
    ("tốc độ tăng tổng thu ngân sách nhà nước trên địa bàn xã bình quân hàng năm",
     "budget_revenue_growth"),
    ("trợ cấp cân đối ngân sách của tỉnh", "budget_transfer_balance"),
    # 001: Huyện Đức Trọng, 6 tháng đầu năm 2023
    ("Tổng diện tích gieo trồng trong 6 tháng đầu năm", "sown_area"),
    ("tổng thu NSNN trên địa bàn huyện", "budget_revenue_total"),
    ("thu NSNN do huyện quản lý", "budget_revenue_local"),
    ("Tổng chi ngân sách địa phương", "budget_spending_local"),
    ("tổng kế hoạch vốn đầu tư năm 2023 được phân bổ", "public_investment_plan"),
    ("tỷ lệ giải ngân vốn đầu tư công", "public_investment_disbursement_rate"),
    ("Giải ngân vốn đầu tư công", "public_investment_disbursed"),
    ("số người tham gia BHYT", "health_insurance_rate"),
    ("Số sản phẩm OCOP", "ocop_products"),
    ("tỷ lệ hồ sơ cấp huyện giải quyết đúng hạn", "admin_ontime_rate"),
    ("Số vụ tai nạn giao thông", "traffic_accidents"),
    ("Thi hành kỷ luật đảng viên", "party_members_violating"),
    # 002: Huyện Đức Trọng, nghị quyết năm 2022
    ("Tỷ lệ giảm nghèo", "poverty_reduction_rate"),
    ("Tỷ lệ tham gia bảo hiểm y tế toàn dân", "health_insurance_rate"),
    ("Kim ngạch xuất khẩu", "export_value"),
    ("giảm đảng viên vi phạm", "party_members_violating"),
    ("Phát triển từ 100 đảng viên mới trở lên", "new_party_members"),
    ("Hoàn thành xây dựng dữ liệu số để đáp ứng công tác cải cách hành chính và chính quyền "
     "điện tử", "digital_data"),
    # 003: Thành phố Bảo Lộc, giữa nhiệm kỳ
    ("ngành công nghiệp xây dựng chiếm tỷ trọng", "share_industry_construction"),
    ("ngành thương mại dịch vụ chiếm tỷ trọng", "share_services"),
    ("ngành nông lâm nghiệp và thủy sản chiếm tỷ trọng", "share_agri"),
    ("giá trị sản xuất nông nghiệp đến năm 2023 ước đạt", "production_value_agri"),
    ("giá trị thu hoạch trồng trọt trên đơn vị diện tích", "crop_value_per_ha"),
    ("Số lượt khách du lịch đến địa bàn", "tourist_arrivals"),
    ("số hộ nghèo", "poor_households"),
    ("hộ cận nghèo", "near_poor_households"),
    ("lao động qua đào tạo có bằng cấp, chứng chỉ", "trained_labor_certified_rate"),
    ("Tổng kế hoạch vốn đầu tư công", "public_investment_plan"),
    ("tỷ lệ giải ngân kế hoạch đầu tư công", "public_investment_disbursement_rate"),
    ("Tỷ lệ hộ dân được sử dụng điện lưới quốc gia", "electricity_rate"),
    ("Tỷ lệ hộ dân khu vực nội thị sử dụng nước máy 70%", "tap_water_urban_rate"),
    ("xã, phường đạt chuẩn văn hóa", "communes_cultural_rate"),
    ("thôn, tổ dân phố văn hóa", "cultural_villages_rate"),
    ("tỷ lệ kết nạp đảng viên", "party_admission_rate"),
    ("Tổng số đảng viên", "party_members"),
    ("Hàng năm, hoàn thành dự toán Thu ngân sách nhà nước trên địa bàn", "budget_revenue_total"),
    ("thuế phí tăng bình quân hàng năm", "budget_revenue_tax_fee_growth"),
    # 004: Thị xã Đức Phổ
    ("tổng giá trị sản xuất", "production_value"),
    ("tỷ trọng công nghiệp - xây dựng, dịch vụ", "share_industry_construction_services"),
    ("thu ngân sách tăng", "budget_revenue_growth"),
    ("tỷ lệ đô thị hoá", "urbanization_rate"),
    ("trường đạt chuẩn quốc gia mức độ 2", "schools_standard_l2_rate"),
]


@pytest.mark.parametrize(("text", "expected"), REPORT_TEXT)
def test_figures_named_in_the_reports_are_catalogued(catalog, text, expected):
    assert catalog.match(text).indicator_id == expected


# ------------------------------------------------------------ false friends

FALSE_FRIENDS = [
    ("Tỷ lệ hộ nghèo", "Trong đó hộ nghèo dân tộc thiểu số", "Tỷ lệ giảm nghèo",
     "Tỷ lệ hộ cận nghèo", "Số hộ nghèo"),
    ("Rác thải đô thị", "Rác thải nông thôn", "Rác thải y tế"),
    ("Ngành Công nghiệp", "Công nghiệp - xây dựng", "Ngành Xây dựng"),
    ("Thu NSNN do huyện quản lý", "Tổng thu NSNN trên địa bàn", "Thu thuế, phí"),
    ("Tổng thu ngân sách nhà nước", "Tổng thu ngân sách nhà nước tăng bình quân"),
    ("Tổng giá trị sản xuất", "Tăng trưởng tổng giá trị sản xuất"),
    ("Tổng kim ngạch xuất khẩu",
     "Tổng kim ngạch xuất khẩu 3 năm ước đạt 575 triệu USD, đạt 33% so kế hoạch giai đoạn "
     "2021-2025."),
    ("Ngành Dịch vụ", "Tỷ trọng ngành dịch vụ"),
    ("Số trường công lập đạt chuẩn quốc gia giai đoạn 1 là 57/66 trường",
     "Số trường công lập đạt chuẩn QG giai đoạn 2 là 18/57 trường."),
    ("Tỷ lệ hộ dân nông thôn được sử dụng điện", "Tỷ lệ hộ dân được sử dụng điện lưới quốc gia"),
    ("Số xã đạt chuẩn nông thôn mới", "Xã đạt chuẩn nông thôn mới nâng cao",
     "Xã đạt chuẩn nông thôn mới kiểu mẫu"),
    ("Tổ chức Đảng hoàn thành tốt nhiệm vụ", "Tổ chức Đảng hoàn thành XSNV",
     "Đảng viên hoàn thành tốt nhiệm vụ", "Trong đó đảng viên hoàn thành XSNV"),
    ("Tổng chi ngân sách địa phương", "TỔNG CHI CÂN ĐỐI NSĐP"),
]


@pytest.mark.parametrize("names", FALSE_FRIENDS, ids=[n[0] for n in FALSE_FRIENDS])
def test_false_friends_stay_apart(catalog, names):
    ids = [catalog.match(name).indicator_id for name in names]
    assert len(set(ids)) == len(names), dict(zip(names, ids, strict=True))
    assert all(catalog.match(name).catalogued for name in names)


# ------------------------------------------------------------ Ministry of Finance, M09+

MOF_HEADERS = [  # (cell of the name, cells of its parents from the top), expected
    ((9, 2), [], "budget_revenue_total"),
    ((9, 3), [], "budget_sharing_rate"),
    ((9, 5), [], "budget_spending_balanced"),
    ((10, 6), [(9, 6)], "budget_transfer_total"),
    ((10, 7), [(9, 6)], "budget_transfer_balance"),
    ((10, 8), [(9, 6)], "budget_transfer_targeted"),
    ((11, 8), [(9, 6), (10, 8)], "budget_transfer_targeted_foreign"),
    ((11, 9), [(9, 6), (10, 8)], "budget_transfer_targeted_tasks"),
]


@pytest.fixture(scope="module")
def m09() -> list[list[object]]:
    if not FINAL_2013.exists():
        pytest.skip("Final_2013.xls is not available")
    return CalamineWorkbook.from_path(str(FINAL_2013)).get_sheet_by_name("M09+").to_python()


@pytest.mark.parametrize(("cell", "parents", "expected"), MOF_HEADERS)
def test_ministry_headers_match(catalog, m09, cell, parents, expected):
    text = str(m09[cell[0]][cell[1]])
    parent = " / ".join(str(m09[r][c]) for r, c in parents) or None
    assert catalog.match(text, parent).indicator_id == expected


def test_a_total_column_is_its_parent(catalog):
    found = catalog.match("TỔNG SỐ", "BỔ SUNG TỪ NSTW CHO NSĐP")
    assert found == Match("budget_transfer_total", True, 1.0, "context")


# ------------------------------------------------------------ uncatalogued names

def test_uncatalogued_names_get_new_stable_ids(catalog):
    text = "Tỷ lệ trẻ em được tiêm chủng đầy đủ"
    first = catalog.match(text, "Chỉ tiêu về y tế")
    assert (first.catalogued, first.how, first.score) == (False, "new", 0.0)
    assert first.indicator_id == uncatalogued_id(text, "Chỉ tiêu về y tế")
    assert re.fullmatch(r"u_[a-z0-9_]+_[0-9a-f]{8}", first.indicator_id)
    assert Catalog.load().match(text, "Chỉ tiêu về y tế") == first
    assert uncatalogued_id("TỶ LỆ TRẺ EM ĐƯỢC TIÊM CHỦNG ĐẦY ĐỦ", None) == first.indicator_id
    assert catalog.get(first.indicator_id) is None


UNCATALOGUED = [
    ("Tỷ lệ trẻ em được tiêm chủng đầy đủ", None),
    ("Tỷ lệ người dân được khám sức khỏe định kỳ", None),
    ("Tổng số", "Chi đầu tư phát triển"),
    ("Tổng số", "Chi thường xuyên"),
    ("Vốn trong nước", "Chi đầu tư phát triển"),
    ("Vốn trong nước", "Chi thường xuyên"),
    ("Chỉ tiêu về lĩnh vực văn hóa", None),
]


def test_uncatalogued_ids_are_distinct(catalog):
    ids = [catalog.match(text, parent) for text, parent in UNCATALOGUED]
    assert all(not m.catalogued for m in ids)
    assert len({m.indicator_id for m in ids}) == len(UNCATALOGUED)


def test_an_empty_name_is_refused(catalog):
    with pytest.raises(Refused, match="Tên chỉ tiêu trống"):
        catalog.match("  ")


def test_matching_is_memoised(catalog):
    """A name repeated down a long file is matched once (its speed is measured in bench/)."""
    names = [text for _, text, _ in APPENDIX_002] * 3
    results = [catalog.match(name) for name in names]
    assert all(r is catalog.match(n) for r, n in zip(results, names, strict=True))


# ------------------------------------------------------------ normal form

NORMAL_FORMS = [
    ("- Khu vực nông, lâm nghiệp và thuỷ sản tăng.", "tang nong lam nghiep thuy san"),
    ("Ngành Nông, lâm nghiệp và thuỷ sản", "nong lam nghiep thuy san"),
    ("Tốc độ tăng giá trị sản xuất ngành nông, lâm nghiệp và thủy sản",
     "tang gia tri san xuat nong lam nghiep thuy san"),
    (GROWTH_ROW, "tang tong gia tri san xuat"),
    (REVENUE_ROW, "tang tong thu ngan sach nha nuoc"),
    ("Thu NSNN do huyện quản lý", "thu ngan sach nha nuoc do dia phuong quan ly"),
    ("TỔNG THU NSNN TRÊN ĐỊA BÀN TỈNH, THÀNH PHỐ", "tong thu ngan sach nha nuoc tren dia ban"),
    ("Tỉ lệ hộ nghèo", "ty le ho ngheo"),
    ("Tỷ lệ bác sỹ/1 vạn dân.", "ty le bac sy van dan"),
    ("Số trường công lập đạt chuẩn QG giai đoạn 2 là 18/57 trường.",
     "so truong cong lap chuan quoc gia muc do hai"),
    ("Tổng kim ngạch xuất khẩu 3 năm ước đạt 575 triệu USD, đạt 33% so kế hoạch",
     "tong kim ngach xuat khau # so ke hoach"),
    ("+ Có 30% trở lên đạt “Khu dân cư kiểu mẫu”", "khu dan cu kieu mau"),
    ("1.1. Tỷ lệ hộ nghèo (theo tiêu chí cũ)", "ty le ho ngheo"),
    ("II Về xây dựng hệ thống chính trị", "ve xay dung he thong chinh tri"),
    ("Tổng diện tích gieo trồng trong 6 tháng đầu năm", "tong dien tich gieo trong"),
    ("Hạ tầng giao thông", "ha tang giao thong"),
    ("Tăng cường quản lý", "tang cuong quan ly"),
    ("Ty le ho ngheo", "ty le ho ngheo"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), NORMAL_FORMS)
def test_normal_form(text, expected):
    assert normalize(text) == expected


# ------------------------------------------------------------ the catalog file

DASHBOARD_IDS = [
    "growth_total", "growth_agri", "growth_industry", "growth_construction",
    "growth_industry_construction", "growth_services", "budget_revenue_total",
    "budget_revenue_local", "budget_revenue_tax_fee", "budget_spending_local",
    "budget_transfer_total", "poverty_rate", "poverty_rate_ethnic", "poor_households",
    "near_poor_households", "near_poverty_rate",
]


def test_the_dashboard_ids_exist(catalog):
    assert [i for i in DASHBOARD_IDS if catalog.get(i) is None] == []


def test_no_two_indicators_share_a_key(catalog):
    assert catalog.conflicts() == []


def test_csv_header_and_values_are_valid():
    with DEFAULT_PATH.open(encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == HEADER
    rows = _csv_rows()
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    assert {r["domain"] for r in rows} == set(DOMAINS)
    assert {r["direction"] for r in rows} <= {*DIRECTIONS, ""}
    assert {r["kind"] for r in rows} <= set(KINDS)
    assert {r["parent_id"] for r in rows} - {""} <= set(ids)
    assert all(r["name"] and r["synonyms"] for r in rows)


def test_parents_share_the_domain_of_their_children(catalog):
    for ind in (catalog.get(i) for i in catalog.frame()["id"]):
        if ind.parent_id:
            assert catalog.get(ind.parent_id).domain == ind.domain, ind.id


NOTES = [
    ("growth_agri", "giá so sánh 2010"),
    ("growth_total", "giá so sánh 2010"),
    ("poverty_rate", "chuẩn nghèo đa chiều"),
    ("near_poverty_rate", "2021–2025"),
]


@pytest.mark.parametrize(("indicator_id", "words"), NOTES)
def test_notes_carry_price_base_and_poverty_standard(catalog, indicator_id, words):
    assert words in catalog.get(indicator_id).notes


DIRECTION_CASES = [
    ("poverty_rate", "down"), ("malnutrition_stunting_rate", "down"),
    ("population_growth_rate", "down"), ("party_members_violating", "down"),
    ("growth_total", "up"), ("budget_revenue_total", "up"), ("forest_cover_rate", "up"),
    ("natural_area", None), ("population", None),
]


@pytest.mark.parametrize(("indicator_id", "direction"), DIRECTION_CASES)
def test_directions(catalog, indicator_id, direction):
    assert catalog.get(indicator_id).direction == direction


def test_children_are_listed_in_catalog_order(catalog):
    sectors = [i.id for i in catalog.children("growth_total")]
    assert sectors == ["growth_agri", "growth_industry", "growth_construction",
                       "growth_industry_construction", "growth_services"]


def test_frame_loads_into_the_schema(catalog):
    frame = catalog.frame()
    assert list(frame.columns) == HEADER + ["catalogued", "position"]
    assert frame["catalogued"].all() and list(frame["position"]) == list(range(1, len(frame) + 1))
    agri = frame.set_index("id").loc["growth_agri"]
    assert "Ngành Nông, lâm nghiệp và thuỷ sản|" in agri["synonyms"]
    con = duckdb.connect()
    con.execute((ROOT / "etl" / "schema.sql").read_text(encoding="utf-8"))
    con.register("ind_df", frame)
    con.execute(f"INSERT INTO indicators ({', '.join(frame.columns)}) SELECT * FROM ind_df")
    got = con.execute("SELECT count(*), count(direction), count(parent_id) FROM indicators")
    assert got.fetchone() == (len(frame), frame["direction"].notna().sum(),
                              frame["parent_id"].notna().sum())


def test_get_returns_the_row(catalog):
    assert catalog.get("budget_revenue_local") == Indicator(
        id="budget_revenue_local", name="Thu ngân sách nhà nước do huyện, xã quản lý",
        parent_id="budget_revenue_total", unit="tỷ đồng", direction="up", domain="ngân sách",
        kind="amount", notes=catalog.get("budget_revenue_local").notes,
        synonyms=catalog.get("budget_revenue_local").synonyms,
    )


# ------------------------------------------------------------ a broken catalog is refused

GOOD = "growth_total,Tăng trưởng,,%,up,kinh tế,growth,,Tăng trưởng kinh tế\n"
BROKEN = [
    ("id;name\n", "dòng tiêu đề"),
    (GOOD + "growth_agri,Nông nghiệp,growth_all,%,up,kinh tế,growth,,\n", "growth_all"),
    (GOOD + "growth_agri,Nông nghiệp,,%,up,kinh te,growth,,\n", "dòng 3.*kinh te"),
    (GOOD + "growth_agri,Nông nghiệp,,%,higher,kinh tế,growth,,\n", "higher"),
    (GOOD + "Growth-Agri,Nông nghiệp,,%,up,kinh tế,growth,,\n", "Growth-Agri"),
    (GOOD + GOOD, "trùng"),
    (GOOD + "growth_agri,Nông nghiệp,,%,up\n", "dòng 3: cần 9 cột"),
    ("a,A,b,,,,,,\nb,B,a,,,,,,\n", "vòng"),
]


@pytest.mark.parametrize(("body", "says"), BROKEN)
def test_a_broken_catalog_is_refused(tmp_path, body, says):
    path = tmp_path / "indicators.csv"
    header = "" if body.startswith("id;") else ",".join(HEADER) + "\n"
    path.write_text(header + body, encoding="utf-8")
    with pytest.raises(Refused, match=says):
        Catalog.load(path)


def test_a_small_catalog_file_works(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(",".join(HEADER) + "\n" + GOOD, encoding="utf-8-sig")
    small = Catalog.load(path)
    assert len(small) == 1
    assert small.match("Tốc độ tăng trưởng kinh tế").indicator_id == "growth_total"


def test_closest_offers_the_nearest_indicators_for_a_person_to_choose(catalog):
    assert catalog.closest("Số lao động được giải quyết việc làm mới")[0].id == "jobs_created"
    assert catalog.closest("Tỷ lệ hộ nghèo theo chuẩn mới", limit=2)[0].id == "poverty_rate"
    assert catalog.closest("   ") == []


def test_owner_names_the_indicator_a_spelling_belongs_to(catalog):
    assert catalog.owner("TỶ LỆ HỘ NGHÈO") == "poverty_rate"
    assert catalog.owner("Số sáng kiến được công nhận") is None


@pytest.mark.parametrize(("written", "first"), [
    ("Tỷ lệ hộ nghẻo đa chiều", "Tỷ lệ hộ nghèo"),
    ("Số trường đạt chuẩn", "Số trường đạt chuẩn quốc gia"),
])
def test_closest_offers_catalog_names_for_an_unplaced_name(catalog, written, first):
    closest = catalog.closest(written)
    assert not catalog.match(written).catalogued
    assert closest[0].name == first and 1 <= len(closest) <= 3
    assert len({i.id for i in closest}) == len(closest)  # an indicator once, not per synonym


def test_closest_has_nothing_for_a_name_like_none(catalog):
    assert catalog.closest("xyzzy") == [] and catalog.closest("  ") == []


@pytest.mark.parametrize(("name", "parent", "unit", "expected"), [
    ("Nông, lâm nghiệp và thủy sản", None, "%", "growth_agri"),
    ("Nông, lâm nghiệp và thủy sản", None, None, "growth_agri"),
    ("Nông, lâm nghiệp và thủy sản", None, "Tỷ đồng", None),   # a value, not its growth
    ("Nông, lâm nghiệp và thủy sản", "Tổng giá trị sản xuất", "tỷ đồng", None),
    ("Tỷ lệ hộ nghèo", None, "%", "poverty_rate"),
    ("Tỷ lệ hộ nghèo", None, "hộ", None),                    # a count of households
])
def test_a_unit_that_contradicts_the_catalog_passes_the_indicator_over(
        catalog, name, parent, unit, expected):
    found = catalog.match(name, parent, unit)
    assert (found.indicator_id if found.catalogued else None) == expected


def test_a_value_row_under_production_is_not_matched_to_its_growth(tmp_path):
    """A 9-month phụ lục: 'Tổng giá trị sản xuất' in tỷ đồng with its sectors below it. The
    sectors were stored as the growth rates (%) and drawn on a 0–1.000 % axis."""
    from tests.seed import prepare
    from tests.workbook import write_xlsx

    book = write_xlsx(tmp_path / "xa_9t_2025.xlsx", [
        ["BIỂU SỐ LIỆU KINH TẾ - XÃ HỘI 9 THÁNG NĂM 2025"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2025", "Thực hiện 9 tháng năm 2025"],
        ["1", "Tổng giá trị sản xuất", "Tỷ đồng", "1.500", "980,2"],
        ["a", "Nông, lâm nghiệp và thủy sản", "Tỷ đồng", "800", "410,5"],
        ["b", "Công nghiệp - xây dựng", "Tỷ đồng", "700", "569,7"],
        ["2", "Tốc độ tăng giá trị sản xuất", "%", "8", "7,1"],
        ["a", "Nông, lâm nghiệp và thủy sản", "%", "4", "3,8"],
    ])
    records = prepare(book, locality="Xã Đức Trọng").table.records
    rates = {r.indicator_id for r in records if r.unit == "%"}
    values = [r for r in records if r.unit == "Tỷ đồng" and r.row_no in (4, 5)]
    assert "growth_agri" in rates
    assert {r.row_no for r in values} == {4, 5}  # the plan and the 9 months of each
    assert not any(r.catalogued and r.indicator_id.startswith("growth") for r in values)


@pytest.mark.parametrize(("text", "expected"), [
    ("Tổng vốn đầu tư toàn xã hội", "total_social_investment"),
    ("Tổng vốn đầu tư phát triển toàn xã hội trên địa bàn", "total_social_investment"),
    ("Tỷ lệ thu gom rác thải sinh hoạt", "waste_household_rate"),
    ("Tỷ lệ thu gom, xử lý chất thải rắn sinh hoạt nông thôn", "waste_rural_rate"),
])
def test_common_commune_indicators_are_catalogued(catalog, text, expected):
    """Two names every commune report has that QA's file left uncatalogued."""
    assert catalog.match(text).indicator_id == expected
