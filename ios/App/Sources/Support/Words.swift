// The words the screens show for the view models' problems and the core's enums and times: one
// place, so every screen says the same thing the same way (the port of the Android ui's
// common/Words.kt, with the same table keys).
import Foundation
import RuhuCore
import RuhuViewModels

enum Words {
    /// The words for `problem`: the core's own where it gives them.
    static func problem(_ problem: Problem) -> String {
        switch problem {
        case .words(let text): return text
        case .fields(let problems): return problems.map(\.reason).joined(separator: L("common_list_separator"))
        case .syncFailed(let reason, let retry):
            return retry ? L("problem_sync_failed_retry", reason) : L("problem_sync_failed", reason)
        case .outsideScope(let count): return L("problem_outside_scope", count)
        case .revoked: return L("problem_revoked")
        case .notEnrolled: return L("problem_not_enrolled")
        case .otherCounty: return L("problem_other_county")
        case .notFound: return L("problem_not_found")
        case .storageFull: return L("problem_storage_full")
        case .storeUnreadable: return L("problem_store_unreadable")
        case .newerVersion: return L("problem_newer_version")
        case .syncCancelled: return L("problem_sync_cancelled")
        case .unsyncedWork(let documents, let photos): return L("problem_unsynced_work", documents, photos)
        case .internalFault(let detail): return L("problem_internal", detail)
        }
    }

    /// 紧急 / 较急 / 一般.
    static func urgency(_ urgency: Urgency) -> String {
        switch urgency {
        case .immediate: return L("urgency_immediate")
        case .high: return L("urgency_high")
        case .normal: return L("urgency_normal")
        }
    }

    /// Where a clock stands.
    static func clockState(_ state: ClockState) -> String {
        switch state {
        case .running: return L("clock_state_running")
        case .dueSoon: return L("clock_state_due_soon")
        case .overdue: return L("clock_state_overdue")
        }
    }

    /// The kinds of emergency.
    static func emergencyKind(_ kind: EmergencyKind) -> String {
        switch kind {
        case .fire: return L("emergency_kind_fire")
        case .trafficAccident: return L("emergency_kind_traffic_accident")
        case .suddenIllness: return L("emergency_kind_sudden_illness")
        case .accident: return L("emergency_kind_accident")
        case .naturalDisaster: return L("emergency_kind_natural_disaster")
        case .majorIllness: return L("emergency_kind_major_illness")
        case .other: return L("emergency_kind_other")
        }
    }

    /// How urgent a case is, and the time it must be handled in.
    static func casePath(_ path: CasePath) -> (name: String, detail: String) {
        switch path {
        case .critical: return (L("case_path_critical"), L("case_path_critical_detail"))
        case .urgent: return (L("case_path_urgent"), L("case_path_urgent_detail"))
        case .normal: return (L("case_path_normal"), L("case_path_normal_detail"))
        }
    }

    /// Where a case stands.
    static func caseStatus(_ status: CaseStatus) -> String {
        switch status {
        case .reported: return L("case_status_reported")
        case .accepted: return L("case_status_accepted")
        case .investigated: return L("case_status_investigated")
        case .reviewed: return L("case_status_reviewed")
        case .approved: return L("case_status_approved")
        case .rejected: return L("case_status_rejected")
        case .closed: return L("case_status_closed")
        }
    }

    /// 男 / 女.
    static func sex(_ sex: Sex) -> String {
        switch sex {
        case .male: return L("sex_male")
        case .female: return L("sex_female")
        }
    }

    /// The kinds of housing.
    static func housing(_ housing: Housing) -> String {
        switch housing {
        case .ownedSafe: return L("housing_owned_safe")
        case .ownedUnsafe: return L("housing_owned_unsafe")
        case .rented: return L("housing_rented")
        case .borrowed: return L("housing_borrowed")
        case .disasterDamaged: return L("housing_disaster_damaged")
        case .none: return L("housing_none")
        }
    }

    /// What to do about a document the county refused.
    static func refusalAction(_ action: RefusalAction) -> String {
        switch action {
        case .handBack: return L("refusal_hand_back")
        case .askTownship: return L("refusal_ask_township")
        }
    }

    /// The kinds of photo.
    static func photoKind(_ kind: PhotoKind) -> String {
        switch kind {
        case .house: return L("photo_house")
        case .people: return L("photo_people")
        case .damage: return L("photo_damage")
        case .idCard: return L("photo_id_card")
        case .medicalBill: return L("photo_medical_bill")
        case .authorization: return L("photo_authorization")
        case .signature: return L("photo_signature")
        case .publicNotice: return L("photo_public_notice")
        }
    }

    /// Household categories by code; an unknown code is shown as it is.
    static func category(_ code: String) -> String {
        switch code {
        case "dibao": return L("category_dibao")
        case "tekun": return L("category_tekun")
        case "low_income": return L("category_low_income")
        case "orphan": return L("category_orphan")
        case "vulnerable_child": return L("category_vulnerable_child")
        case "disability_subsidy": return L("category_disability_subsidy")
        case "expenditure_hardship": return L("category_expenditure_hardship")
        default: return code
        }
    }

    /// A case clock by its policy code; an unknown code is 办理时限.
    static func caseClock(_ code: String) -> String {
        switch code {
        case "advance_aid_critical": return L("case_clock_advance_aid_critical")
        case "advance_aid_urgent": return L("case_clock_advance_aid_urgent")
        case "materials_after_advance_aid": return L("case_clock_materials_after_advance_aid")
        case "home_visit_start": return L("case_clock_home_visit_start")
        case "preliminary_review": return L("case_clock_preliminary_review")
        case "township_approval": return L("case_clock_township_approval")
        case "county_decision": return L("case_clock_county_decision")
        case "rejection_notice": return L("case_clock_rejection_notice")
        case "publicity": return L("case_clock_publicity")
        case "referral_feedback": return L("case_clock_referral_feedback")
        default: return L("case_clock_other")
        }
    }

    /// A moment as the worker reads it, in Beijing time ("12月1日 09:30").
    static func time(ms: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "zh_Hans_CN")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        // The Android pattern (java.time) and Unicode's agree for these letters.
        formatter.dateFormat = L("common_time_pattern")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(ms) / 1000))
    }

    /// A clock as the worker reads it (DueClock.kt): "还剩 1 小时 20 分", "已超时 35 分";
    /// `minutesLeft` negative when overdue.
    static func dueClock(minutesLeft: Int64) -> String {
        let time = span(minutes: minutesLeft < 0 ? -minutesLeft : minutesLeft)
        return minutesLeft < 0 ? L("clock_overdue", time) : L("clock_left", time)
    }

    /// A time span in days, hours and minutes, as DueClock.kt says it.
    static func span(minutes total: Int64) -> String {
        let m = max(0, total)
        let days = m / (24 * 60), hours = (m / 60) % 24, minutes = m % 60
        if days > 0 { return hours > 0 ? L("span_days_hours", days, hours) : L("span_days", days) }
        if hours > 0 { return minutes > 0 ? L("span_hours_minutes", hours, minutes) : L("span_hours", hours) }
        return L("span_minutes", minutes)
    }
}

extension Words {
    /// Bytes as megabytes with one decimal ("3.2"), as the Android sync screen says them.
    static func megabytes(_ bytes: UInt64) -> String {
        let tenths = (Int64(clamping: bytes) * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10)"
    }
}

extension Words {
    /// A case step's name.
    static func caseStep(_ kind: CaseEventKind) -> String {
        switch kind {
        case .accepted: return L("case_step_accepted")
        case .investigated: return L("case_step_investigated")
        case .preliminaryReview: return L("case_step_preliminary_review")
        case .approved: return L("case_step_approved")
        case .rejected: return L("case_step_rejected")
        case .advanceAid: return L("case_step_advance_aid")
        case .payment: return L("case_step_payment")
        case .referred: return L("case_step_referred")
        case .feedback: return L("case_step_feedback")
        case .closed: return L("case_step_closed")
        case .publicityStarted: return L("case_step_publicity_started")
        case .publicityEnded: return L("case_step_publicity_ended")
        case .materialsCompleted: return L("case_step_materials_completed")
        case .caseMeeting: return L("case_step_case_meeting")
        case .referralAnswered: return L("case_step_referral_answered")
        }
    }

    /// 紧急型救助 / 支出型救助 (the case screen's words).
    static func caseKind(_ kind: AssistanceKind) -> String {
        switch kind {
        case .emergency: return L("case_kind_emergency")
        case .expenditure: return L("case_kind_expenditure")
        }
    }

    /// 分 as 元 with two decimals: 80050 → "800.50".
    static func yuanExact(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let abs = fen.magnitude
        let cents = abs % 100
        return "\(sign)\(abs / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
