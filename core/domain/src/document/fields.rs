//! Fields as a person reads them: a document path's name in Chinese and a value shown in the
//! worker's terms (money in 元, ID numbers masked). Used wherever a field is named outside its
//! form, first of all in conflicts.

use serde_json::Value;

use crate::id_number::IdNumber;
use crate::money::Money;

/// The field's name in Chinese, from the last two parts of its path (the path itself when the
/// field has no name here).
pub fn label(path: &[String]) -> String {
    let last = path.last().map(String::as_str).unwrap_or_default();
    let parent = path
        .len()
        .checked_sub(2)
        .map(|i| path[i].as_str())
        .unwrap_or_default();
    let known = match (parent, last) {
        ("income", "wage") => "工资性收入",
        ("income", "farming") => "种植养殖收入",
        ("income", "business") => "经营收入",
        ("income", "property_rental") => "财产租赁收入",
        ("income", "land_transfer") => "土地流转收入",
        ("income", "pension") => "养老金",
        ("income", "support_received") => "赡扶抚养费",
        ("income", "subsidies") => "补助金",
        ("income", "other") => "其他收入",
        ("expenditure", "medical") => "医疗自付支出",
        ("expenditure", "education") => "教育支出",
        ("expenditure", "housing") => "住房支出",
        ("expenditure", "other") => "其他刚性支出",
        ("economics", "debts") => "负债",
        (_, "name") => "姓名",
        (_, "id_number") => "身份证号",
        (_, "birth_date") => "出生日期",
        (_, "relation") => "与户主关系",
        (_, "contact_phone") => "联系电话",
        (_, "housing") => "住房状况",
        (_, "detail") => "门牌地址",
        (_, "location") => "位置",
        (_, "work") => "劳动状况",
        (_, "status") => "在户状态",
        (_, "description") => "事项经过",
        _ => "",
    };
    if known.is_empty() {
        path.join("/")
    } else {
        known.to_string()
    }
}

/// A value of the field at `path` as a person reads it: money in 元, ID numbers masked, empty
/// as （空）.
pub fn display(path: &[String], v: &Value) -> String {
    let last = path.last().map(String::as_str).unwrap_or_default();
    let money_path = path.first().is_some_and(|p| p == "economics") && !last.ends_with("_count")
        || last.starts_with("annual_")
        || matches!(last, "losses" | "expected_costs" | "amount");
    match v {
        Value::Number(n) if money_path => {
            Money::from_fen(n.as_i64().unwrap_or_default()).to_string()
        }
        Value::String(s) if last == "id_number" => IdNumber::try_from(s.clone())
            .map(|n| n.masked())
            .unwrap_or_else(|_| "（无效号码）".into()),
        Value::String(s) => s.clone(),
        Value::Null => "（空）".into(),
        other => other.to_string(),
    }
}
