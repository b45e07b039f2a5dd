// The words for a household's members, supporters, money and photos (the port of the Android
// ui's householdscreen/HouseholdWords.kt); the household form and the case screen use them too.
import Foundation
import RuhuCore

extension Words {
    static func relation(_ relation: Relation) -> String {
        switch relation {
        case .head: return L("rel_head")
        case .spouse: return L("rel_spouse")
        case .child: return L("rel_child")
        case .childInLaw: return L("rel_child_in_law")
        case .parent: return L("rel_parent")
        case .grandparent: return L("rel_grandparent")
        case .grandchild: return L("rel_grandchild")
        case .sibling: return L("rel_sibling")
        case .other: return L("rel_other")
        }
    }

    static func memberStatus(_ status: MemberStatus) -> String {
        switch status {
        case .present: return L("status_present")
        case .movedOut: return L("status_moved_out")
        case .deceased: return L("status_deceased")
        }
    }

    static func disabilityKind(_ kind: DisabilityKind) -> String {
        switch kind {
        case .visual: return L("dis_visual")
        case .hearing: return L("dis_hearing")
        case .speech: return L("dis_speech")
        case .physical: return L("dis_physical")
        case .intellectual: return L("dis_intellectual")
        case .mental: return L("dis_mental")
        case .multiple: return L("dis_multiple")
        }
    }

    static func work(_ work: WorkStatus) -> String {
        switch work {
        case .employed: return L("work_employed")
        case .farming: return L("work_farming")
        case .selfEmployed: return L("work_self_employed")
        case .flexibleWork: return L("work_flexible")
        case .unemployed: return L("work_unemployed")
        case .retired: return L("work_retired")
        case .unableToWork: return L("work_unable")
        case .student: return L("work_student")
        case .preschool: return L("work_preschool")
        }
    }

    static func school(_ school: SchoolStage) -> String {
        switch school {
        case .notInSchool: return L("school_none")
        case .preschool: return L("school_preschool")
        case .primary: return L("school_primary")
        case .juniorMiddle: return L("school_junior")
        case .seniorHigh: return L("school_senior")
        case .higher: return L("school_higher")
        }
    }

    static func marital(_ marital: MaritalStatus) -> String {
        switch marital {
        case .unmarried: return L("marital_unmarried")
        case .married: return L("marital_married")
        case .divorced: return L("marital_divorced")
        case .widowed: return L("marital_widowed")
        }
    }

    static func education(_ education: Education) -> String {
        switch education {
        case .none: return L("edu_none")
        case .primary: return L("edu_primary")
        case .juniorMiddle: return L("edu_junior")
        case .seniorHigh: return L("edu_senior")
        case .college: return L("edu_college")
        }
    }

    static func assistanceKind(_ kind: AssistanceKind) -> String {
        switch kind {
        case .emergency: return L("hh_kind_emergency")
        case .expenditure: return L("hh_kind_expenditure")
        }
    }

    /// A member's health: 健康, or 重病、慢性病、肢体残疾 2 级 and the note.
    static func health(_ member: MemberInput) -> String {
        var parts: [String] = []
        if member.majorIllness { parts.append(L("hh_major_illness")) }
        if member.chronicIllness { parts.append(L("hh_chronic_illness")) }
        if let kind = member.disabilityKind {
            let k = disabilityKind(kind)
            parts.append(member.disabilityGrade.map { L("hh_disability_grade", k, $0) } ?? L("hh_disability", k))
        }
        let note = member.healthNote.trimmingCharacters(in: .whitespaces)
        if !note.isEmpty { parts.append(note) }
        return parts.isEmpty ? L("hh_health_good") : parts.joined(separator: L("common_enumeration_comma"))
    }

    /// The household's categories and flags in words, or 暂无.
    static func categories(_ profile: HouseholdProfile) -> String {
        let c = profile.categories
        var all = [("dibao", c.dibao), ("tekun", c.tekun), ("low_income", c.lowIncome), ("orphan", c.orphan),
                   ("vulnerable_child", c.vulnerableChild), ("disability_subsidy", c.disabilitySubsidy),
                   ("expenditure_hardship", c.expenditureHardship)].filter(\.1).map { category($0.0) }
        if profile.alreadyAssisted { all.append(L("hh_flag_already_assisted")) }
        if profile.povertyRegistered { all.append(L("hh_flag_poverty_registered")) }
        if profile.staffRelative { all.append(L("hh_flag_staff_relative")) }
        return all.isEmpty ? L("hh_no_categories") : L("hh_categories_line", all.joined(separator: L("common_enumeration_comma")))
    }

    /// The core's verdict against the 低保 line in words (▼ 低于 / 不低于); nothing compared here.
    static func dibaoLine(below: Bool?, lineFen: Int64?) -> String {
        guard let lineFen, let below else { return L("hh_no_line") }
        return below ? L("hh_below_line", yuan(lineFen)) : L("hh_not_below_line", yuan(lineFen))
    }

    /// 分 as 元 for reading: "1200", "1200.5", "-30".
    static func yuan(_ fen: Int64) -> String {
        let value = NSDecimalNumber(mantissa: fen.magnitude, exponent: -2, isNegative: fen < 0)
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.minimumFractionDigits = 0
        formatter.maximumFractionDigits = 2
        formatter.usesGroupingSeparator = false
        return formatter.string(from: value) ?? "\(fen / 100)"
    }

    /// A photo's title: kind and caption.
    static func photoTitle(_ photo: PhotoRecord) -> String {
        let kind = photoKind(photo.kind)
        return photo.caption.trimmingCharacters(in: .whitespaces).isEmpty
            ? L("hh_photo_no_caption", kind) : L("hh_photo_label", kind, photo.caption)
    }

    /// When it was taken, its review and whether it reached the county.
    static func photoStatus(_ photo: PhotoRecord) -> String {
        var parts = [L("hh_photo_taken", time(ms: photo.takenAtMs))]
        switch photo.review {
        case .pending: parts.append(L("hh_photo_pending"))
        case .approved: parts.append(L("hh_photo_approved"))
        case .retakeNeeded: break
        }
        parts.append(photo.uploaded ? L("hh_photo_uploaded") : L("hh_photo_not_uploaded"))
        return parts.joined(separator: L("households_view_note_separator"))
    }
}

extension Words {
    /// The household form's stored GPS fix ("lat,lon,accuracy") in words, or 还没有定位.
    static func location(field: String) -> String {
        let parts = field.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3 else { return L("hf_not_located") }
        return L("hf_located", String(format: "%.5f", parts[0]), String(format: "%.5f", parts[1]),
                 Int64(parts[2].rounded()))
    }

    /// Whether the household form has a stored fix (for 用 GPS 定位 / 重新定位).
    static func hasLocation(field: String) -> Bool {
        field.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.count == 3
    }
}
