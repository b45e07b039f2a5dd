//! Records the screens send and receive. Money is `i64` 分 (fields end in `_fen`), dates are
//! `YYYY-MM-DD` text, instants are Unix milliseconds.

pub use super::case_records::*;
use super::enums::*;

/// Who uses this device.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct WorkerProfile {
    /// 县级行政区划代码.
    pub county_code: String,
    /// The worker's id at the county.
    pub worker_id: String,
    /// Name shown on the device.
    pub display_name: String,
}

/// A GPS fix.
#[derive(Clone, Copy, Debug, PartialEq, uniffi::Record)]
pub struct GeoPoint {
    /// Latitude, degrees north (WGS-84).
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
    /// Accuracy in metres.
    pub accuracy_m: f64,
}

/// 困难类别 checkboxes.
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct HardshipCategories {
    /// 低保.
    pub dibao: bool,
    /// 特困.
    pub tekun: bool,
    /// 低收入.
    pub low_income: bool,
    /// 孤儿.
    pub orphan: bool,
    /// 重点困境儿童.
    pub vulnerable_child: bool,
    /// 困难残疾人两项补贴.
    pub disability_subsidy: bool,
    /// 支出型困难.
    pub expenditure_hardship: bool,
}

/// The household form (everything but members, supporters and economics).
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct HouseholdProfile {
    /// 县级代码, 6 digits.
    pub county_code: String,
    /// 乡镇代码, 9 digits.
    pub township_code: String,
    /// 村(社区)代码, 12 digits.
    pub village_code: String,
    /// 村(社区)名称.
    pub village_name: String,
    /// 网格.
    pub grid_code: String,
    /// 门牌.
    pub address_detail: String,
    /// 联系电话 (may be empty).
    pub contact_phone: String,
    /// Home position.
    pub location: Option<GeoPoint>,
    /// 住房状况.
    pub housing: Housing,
    /// 困难类别.
    pub categories: HardshipCategories,
    /// 已在保.
    pub already_assisted: bool,
    /// 建档立卡.
    pub poverty_registered: bool,
    /// 干部亲属.
    pub staff_relative: bool,
}

/// The member form.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct MemberInput {
    /// 姓名.
    pub name: String,
    /// 身份证号, if the person has one.
    pub id_number: Option<String>,
    /// 与户主关系.
    pub relation: Relation,
    /// 性别.
    pub sex: Sex,
    /// 出生日期, `YYYY-MM-DD`.
    pub birth_date: String,
    /// 患重大疾病.
    pub major_illness: bool,
    /// 患慢性病.
    pub chronic_illness: bool,
    /// 残疾类别, if disabled.
    pub disability_kind: Option<DisabilityKind>,
    /// 残疾等级 1–4, if disabled.
    pub disability_grade: Option<u8>,
    /// Health remarks.
    pub health_note: String,
    /// 劳动/就业状况.
    pub work: WorkStatus,
    /// 在学阶段.
    pub school: SchoolStage,
    /// 婚姻状况.
    pub marital: MaritalStatus,
    /// 文化程度.
    pub education: Education,
    /// 在户/迁出/死亡.
    pub status: MemberStatus,
}

impl MemberInput {
    /// A present member with this identity and the commonest values elsewhere (no ID number,
    /// healthy, farming, not in school, primary education; married from 22). For tools, tests
    /// and imports; the apps fill the whole form.
    pub fn basic(name: &str, relation: Relation, sex: Sex, birth_date: &str) -> Self {
        let adult = birth_date
            .get(..4)
            .and_then(|y| y.parse::<i32>().ok())
            .is_some_and(|y| y <= 2004);
        MemberInput {
            name: name.into(),
            id_number: None,
            relation,
            sex,
            birth_date: birth_date.into(),
            major_illness: false,
            chronic_illness: false,
            disability_kind: None,
            disability_grade: None,
            health_note: String::new(),
            work: WorkStatus::Farming,
            school: SchoolStage::NotInSchool,
            marital: if adult {
                MaritalStatus::Married
            } else {
                MaritalStatus::Unmarried
            },
            education: Education::Primary,
            status: MemberStatus::Present,
        }
    }
}

/// A member as the detail screen shows it.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct MemberDetail {
    /// Member id within the household.
    pub member_id: String,
    /// The form values (full ID number, for editing).
    pub member: MemberInput,
    /// The ID number masked, for display.
    pub id_masked: Option<String>,
    /// Age in whole years today.
    pub age: u32,
}

/// 赡养、扶养、抚养义务人.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct SupporterInput {
    /// 姓名.
    pub name: String,
    /// 身份证号, when known.
    pub id_number: Option<String>,
    /// Relation in words (长子, 女儿…).
    pub relation: String,
    /// The supporter's yearly income.
    pub annual_income_fen: i64,
    /// What the supporter pays the household each year.
    pub annual_support_paid_fen: i64,
}

/// A supporter with its id.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct SupporterDetail {
    /// Supporter id within the household.
    pub supporter_id: String,
    /// The form values.
    pub supporter: SupporterInput,
}

/// 家庭经济状况 form: yearly amounts in 分.
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct EconomicsInput {
    /// 工资性收入.
    #[uniffi(default = 0)]
    pub wage_fen: i64,
    /// 种植养殖收入.
    #[uniffi(default = 0)]
    pub farming_fen: i64,
    /// 经营收入.
    #[uniffi(default = 0)]
    pub business_fen: i64,
    /// 财产租赁收入.
    #[uniffi(default = 0)]
    pub property_rental_fen: i64,
    /// 土地流转收入.
    #[uniffi(default = 0)]
    pub land_transfer_fen: i64,
    /// 养老金.
    #[uniffi(default = 0)]
    pub pension_fen: i64,
    /// 赡扶抚养费.
    #[uniffi(default = 0)]
    pub support_received_fen: i64,
    /// 补助金.
    #[uniffi(default = 0)]
    pub subsidies_fen: i64,
    /// 其他收入.
    #[uniffi(default = 0)]
    pub other_income_fen: i64,
    /// 医疗自付.
    #[uniffi(default = 0)]
    pub medical_fen: i64,
    /// 教育支出.
    #[uniffi(default = 0)]
    pub education_fen: i64,
    /// 住房支出.
    #[uniffi(default = 0)]
    pub housing_fen: i64,
    /// 其他刚性支出.
    #[uniffi(default = 0)]
    pub other_expenditure_fen: i64,
    /// 房产套数.
    #[uniffi(default = 0)]
    pub house_count: u32,
    /// 房产估值.
    #[uniffi(default = 0)]
    pub house_value_fen: i64,
    /// 车辆数.
    #[uniffi(default = 0)]
    pub vehicle_count: u32,
    /// 车辆估值.
    #[uniffi(default = 0)]
    pub vehicle_value_fen: i64,
    /// 存款.
    #[uniffi(default = 0)]
    pub deposits_fen: i64,
    /// 有价证券.
    #[uniffi(default = 0)]
    pub securities_fen: i64,
    /// 负债.
    #[uniffi(default = 0)]
    pub debts_fen: i64,
}

/// Figures derived from the economics.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct EconomicsSummary {
    /// Yearly income, all sources.
    pub total_income_fen: i64,
    /// Yearly rigid expenditure.
    pub total_expenditure_fen: i64,
    /// 人均月收入.
    pub per_capita_monthly_income_fen: i64,
    /// 人均月收入 after rigid expenditure.
    pub per_capita_monthly_after_expenditure_fen: i64,
}

/// What the economics form adds up to as typed, before it is saved.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct EconomicsPreview {
    /// Totals and per-capita figures.
    pub summary: EconomicsSummary,
    /// The county's 低保 standard per person per month; null before the first sync.
    pub dibao_monthly_per_person_fen: Option<i64>,
    /// Whether 人均月收入 is below that standard; null without the standard or without members.
    pub below_dibao: Option<bool>,
}

/// One candidate value of a conflicted field.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ConflictValue {
    /// For display (ID numbers masked, money in 元).
    pub display: String,
    /// The value itself, to pass back to `settle_conflict`.
    pub value_json: String,
}

/// A field that two people changed differently.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct Conflict {
    /// Document (household or case) id.
    pub document_id: String,
    /// Field path, e.g. `economics/income/wage`.
    pub path: String,
    /// The field's name in Chinese.
    pub label: String,
    /// Candidates; the first is what screens show until it is settled.
    pub values: Vec<ConflictValue>,
}

/// Everything on the household detail screen.
#[derive(Clone, Debug, PartialEq, uniffi::Record)]
pub struct HouseholdDetail {
    /// Household id.
    pub id: String,
    /// Address, contact, housing, categories, flags.
    pub profile: HouseholdProfile,
    /// Members, present ones first.
    pub members: Vec<MemberDetail>,
    /// Supporters.
    pub supporters: Vec<SupporterDetail>,
    /// Economics form values.
    pub economics: EconomicsInput,
    /// Derived figures.
    pub economics_summary: EconomicsSummary,
    /// Fields in conflict.
    pub conflicts: Vec<Conflict>,
    /// Worker who registered it.
    pub registered_by: String,
    /// When, Unix ms.
    pub registered_at_ms: i64,
}

/// One row of the household list.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct HouseholdSummary {
    /// Household id.
    pub id: String,
    /// 户主.
    pub head_name: String,
    /// 户主 ID, masked.
    pub head_id_masked: String,
    /// Village.
    pub village_name: String,
    /// Grid.
    pub grid_code: String,
    /// 门牌.
    pub address: String,
    /// Category codes (dibao, tekun, …).
    pub categories: Vec<String>,
    /// People in the household.
    pub member_count: u32,
    /// Open cases.
    pub open_cases: u32,
    /// Nearest running deadline, Unix ms.
    pub next_deadline_ms: Option<i64>,
    /// Unsettled conflicts.
    pub conflicts: u32,
}

/// Household list filter; empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, uniffi::Record)]
pub struct HouseholdQuery {
    /// Name, pinyin ("zs", "zhangsan") or the last digits of an ID number.
    #[uniffi(default = "")]
    pub text: String,
    /// 村(社区)代码.
    #[uniffi(default = None)]
    pub village_code: Option<String>,
    /// 网格.
    #[uniffi(default = None)]
    pub grid_code: Option<String>,
    /// Category code.
    #[uniffi(default = None)]
    pub category: Option<String>,
    /// Only households with an open case.
    #[uniffi(default = false)]
    pub open_case_only: bool,
    /// Only households with an overdue case.
    #[uniffi(default = false)]
    pub overdue_only: bool,
    /// Page size (0: 50; at most 200).
    #[uniffi(default = 50)]
    pub limit: u32,
    /// Rows to skip.
    #[uniffi(default = 0)]
    pub offset: u32,
}

/// What importing a bundle did.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct ImportReport {
    /// New documents.
    pub created: u32,
    /// Documents that gained changes.
    pub updated: u32,
    /// Documents already up to date.
    pub unchanged: u32,
    /// Newly conflicted fields and events.
    pub new_conflicts: u32,
    /// Documents left out (outside this device's scope, not confirmed).
    pub skipped: u32,
}

/// What importing a bundle would do, before anything is imported.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct BundlePreview {
    /// Every document of the bundle, in bundle order.
    pub documents: Vec<BundleDocumentPreview>,
    /// How many of them lie outside this device's scope: the county would refuse them at the
    /// next sync, so the worker must confirm before they are imported.
    pub outside_scope: u32,
}

/// One document of a bundle, as an import would take it.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct BundleDocumentPreview {
    /// The document.
    pub document_id: String,
    /// `household` or `case`.
    pub kind: String,
    /// Village code of the document after the merge.
    pub village_code: String,
    /// Grid code of the document after the merge.
    pub grid_code: String,
    /// Whether it lies in this device's scope.
    pub in_scope: bool,
    /// Whether this device lacks it.
    pub created: bool,
    /// Whether the import would change it (new, or gaining changes).
    pub changes: bool,
}

/// A checked ID number, for live form feedback.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct IdNumberInfo {
    /// Birth date written in it, `YYYY-MM-DD`.
    pub birth_date: String,
    /// Sex written in it.
    pub sex: Sex,
    /// Masked for display.
    pub masked: String,
}
