// The household screen on HouseholdViewModel's state: the profile, the conflict badge, the
// actions (发现急难, 修改, 拍照, 签字, 发给同事), then members, supporters, economics against the
// 低保 line (the core's verdict), cases with their clocks, photos (需重拍 with the supervisor's
// words, and 重拍这张 on those still owed) and the visit history. The port of the Android ui's
// householdscreen/HouseholdScreenView.kt, HouseholdSections.kt and HouseholdRecords.kt.
import RuhuCore
import RuhuViewModels
import SwiftUI

/// Where the household screen's actions lead (the app opens the destination).
struct HouseholdActions {
    var onEdit: () -> Void = {}
    var onPhoto: () -> Void = {}
    var onSign: () -> Void = {}
    var onHandover: () -> Void = {}
    var onEmergency: () -> Void = {}
    var onConflicts: () -> Void = {}
    var onRetake: (PhotoRecord) -> Void = { _ in }
    var onOpenCase: (String) -> Void = { _ in }
}

struct HouseholdView: View {
    let model: HouseholdViewModel
    let actions: HouseholdActions

    var body: some View {
        let state = model.state
        ScreenColumn(title: L("hh_title")) {
            if let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismiss) }
                SecondaryButton(label: L("hh_retry")) { model.send(.refresh) }
            }
            if let detail = state.detail {
                HouseholdProfileCard(detail: detail)
                if state.conflictCount > 0 {
                    Button(action: actions.onConflicts) {
                        Text(L("hh_conflicts_badge", state.conflictCount)).font(.headline).warningText()
                            .frame(maxWidth: .infinity, alignment: .leading)
                            .card()
                    }
                    .buttonStyle(.plain)
                    .touchTarget()
                    .accessibilityLabel(L("hh_conflicts_badge", state.conflictCount))
                    .accessibilityHint(L("hh_conflicts_action"))
                }
                PrimaryButton(label: L("hh_emergency"), danger: true, description: L("hh_emergency_description"),
                              action: actions.onEmergency)
                SectionTitle(L("hh_actions"))
                SecondaryButton(label: L("hh_edit"), action: actions.onEdit)
                SecondaryButton(label: L("hh_photo"), action: actions.onPhoto)
                SecondaryButton(label: L("hh_sign"), action: actions.onSign)
                SecondaryButton(label: L("hh_handover"), action: actions.onHandover)
                MembersSection(detail: detail)
                SupportersSection(detail: detail)
                SectionTitle(L("hh_economics"))
                VStack(alignment: .leading, spacing: 4) {
                    Text(L("hh_per_capita", Words.yuan(detail.economicsSummary.perCapitaMonthlyIncomeFen))).font(.headline)
                    DetailText(Words.dibaoLine(below: state.belowDibao, lineFen: state.dibaoLineFen))
                    DetailText(L("hh_per_capita_after", Words.yuan(detail.economicsSummary.perCapitaMonthlyAfterExpenditureFen)))
                    DetailText(L("hh_totals", Words.yuan(detail.economicsSummary.totalIncomeFen),
                                 Words.yuan(detail.economicsSummary.totalExpenditureFen)))
                }
                .card()
                CasesSection(cases: state.cases, clocks: state.caseClocks, onOpen: actions.onOpenCase)
                PhotosSection(photos: state.photos, isOwed: state.isRetakeOwed, onRetake: actions.onRetake)
                VisitsSection(visits: state.visits)
            } else if state.loading {
                BusyRow(text: L("hh_loading"))
            }
        }
        .refreshable {
            // The spinner stays until the read has ended.
            await model.send(.refresh)
            await model.settle()
        }
    }
}

private struct HouseholdProfileCard: View {
    let detail: HouseholdDetail

    var body: some View {
        let p = detail.profile
        let head = detail.members.first { $0.member.relation == .head }
        VStack(alignment: .leading, spacing: 4) {
            Text(head.map { L("hh_head_line", $0.member.name) } ?? L("hh_no_head")).font(.headline)
            DetailText(L("hh_place_line", p.villageName, p.gridCode) + L("households_view_note_separator") + p.addressDetail)
            DetailText(p.contactPhone.trimmingCharacters(in: .whitespaces).isEmpty
                       ? L("hh_no_phone") : L("hh_phone_line", p.contactPhone))
            DetailText(L("hh_housing_line", Words.housing(p.housing)) + L("households_view_note_separator")
                       + (p.location != nil ? L("hh_located") : L("hh_not_located")))
            DetailText(Words.categories(p))
            DetailText(L("hh_registered_line", detail.registeredBy, Words.time(ms: detail.registeredAtMs)))
        }
        .card()
        .accessibilityElement(children: .combine)
    }
}

private struct MembersSection: View {
    let detail: HouseholdDetail

    var body: some View {
        // Present members first; one who left or died is marked so, never hidden.
        let members = detail.members.filter { $0.member.status == .present }
            + detail.members.filter { $0.member.status != .present }
        SectionTitle(L("hh_members", members.filter { $0.member.status == .present }.count))
        if members.isEmpty { DetailText(L("hh_no_members")) }
        ForEach(members, id: \.memberId) { d in
            let m = d.member
            let title = L("hh_member_title", m.name, Words.relation(m.relation))
            VStack(alignment: .leading, spacing: 4) {
                Text(m.status == .present ? title : L("hh_member_status_line", Words.memberStatus(m.status)) + title)
                    .font(.headline)
                DetailText(L("hh_member_line", Words.sex(m.sex), d.age, d.idMasked ?? L("hh_no_id")))
                DetailText(L("hh_health_line", Words.health(m)))
                DetailText(L("hh_work_school_line", Words.work(m.work), Words.school(m.school), Words.marital(m.marital)))
            }
            .card()
            .accessibilityElement(children: .combine)
        }
    }
}

private struct SupportersSection: View {
    let detail: HouseholdDetail

    var body: some View {
        SectionTitle(L("hh_supporters", detail.supporters.count))
        if detail.supporters.isEmpty { DetailText(L("hh_no_supporters")) }
        ForEach(detail.supporters, id: \.supporterId) { d in
            VStack(alignment: .leading, spacing: 4) {
                Text(L("hh_supporter_title", d.supporter.name, d.supporter.relation)).font(.headline)
                DetailText(L("hh_supporter_line", Words.yuan(d.supporter.annualIncomeFen), Words.yuan(d.supporter.annualSupportPaidFen)))
            }
            .card()
            .accessibilityElement(children: .combine)
        }
    }
}

/// The household's cases with their clocks against the present minute; each opens its case.
private struct CasesSection: View {
    let cases: [CaseSummary]
    /// Each case's clocks by case id, as the view model read them with the case.
    let clocks: [String: [CaseClockRecord]]
    let onOpen: (String) -> Void

    var body: some View {
        SectionTitle(L("hh_cases", cases.count))
        if cases.isEmpty { DetailText(L("hh_no_cases")) }
        TimelineView(.periodic(from: .now, by: 60)) { context in
            let nowMs = Int64(context.date.timeIntervalSince1970 * 1000)
            VStack(spacing: 8) {
                ForEach(cases, id: \.id) { c in
                    let path = Words.casePath(c.path)
                    Button { onOpen(c.id) } label: {
                        VStack(alignment: .leading, spacing: 4) {
                            Text(L("hh_case_title", Words.assistanceKind(c.kind), Words.caseStatus(c.status))).font(.headline)
                            DetailText(L("hh_case_line", path.name, path.detail, Words.time(ms: c.openedAtMs)))
                            if let deadline = c.nextDeadlineMs {
                                DetailText(L("hh_case_deadline", Words.time(ms: deadline),
                                             Words.dueClock(minutesLeft: Self.minutes(from: nowMs, to: deadline))))
                            } else {
                                DetailText(L("hh_case_no_deadline"))
                            }
                            ForEach(Array((clocks[c.id] ?? []).enumerated()), id: \.offset) { _, clock in
                                DetailText(Self.clockLine(clock, nowMs: nowMs))
                            }
                            if c.conflicts > 0 { Text(L("hh_case_conflicts", c.conflicts)).font(.subheadline).warningText() }
                        }
                        .multilineTextAlignment(.leading)
                        .card()
                    }
                    .buttonStyle(.plain)
                    .touchTarget()
                    .accessibilityElement(children: .combine)
                    .accessibilityHint(L("hh_case_open"))
                }
            }
        }
    }

    /// One clock of a case in words, as the case screen says it.
    static func clockLine(_ clock: CaseClockRecord, nowMs: Int64) -> String {
        let whereNow = clock.state.map(Words.clockState) ?? clock.warning ?? L("case_clock_unknown")
        let left = clock.dueMs.map {
            L("case_clock_left_due", Words.dueClock(minutesLeft: minutes(from: nowMs, to: $0)), L("case_clock_due", Words.time(ms: $0)))
        } ?? L("case_clock_unknown")
        return L("case_clock_line", Words.caseClock(clock.clock), whereNow, left)
    }

    /// Whole minutes from now to `deadline`, rounded down (negative when past), as Android's floorDiv.
    static func minutes(from nowMs: Int64, to deadline: Int64) -> Int64 {
        let d = deadline - nowMs
        return d >= 0 ? d / 60_000 : -((-d + 59_999) / 60_000)
    }
}

private struct PhotosSection: View {
    let photos: [PhotoRecord]
    let isOwed: (String) -> Bool
    let onRetake: (PhotoRecord) -> Void

    var body: some View {
        SectionTitle(L("hh_photos", photos.count))
        if photos.isEmpty { DetailText(L("hh_no_photos")) }
        ForEach(photos, id: \.photoId) { photo in
            VStack(alignment: .leading, spacing: 6) {
                Text(Words.photoTitle(photo)).font(.headline)
                DetailText(Words.photoStatus(photo))
                if photo.review == .retakeNeeded {
                    Text(L("hh_photo_retake", photo.reviewReason)).font(.subheadline).warningText()
                }
                if isOwed(photo.photoId) {
                    SecondaryButton(label: L("hh_photo_retake_now")) { onRetake(photo) }
                }
            }
            .card()
        }
    }
}

private struct VisitsSection: View {
    let visits: [VisitHistoryItem]

    var body: some View {
        SectionTitle(L("hh_visits", visits.count))
        if visits.isEmpty { DetailText(L("hh_no_visits")) }
        ForEach(visits, id: \.id) { v in
            VStack(alignment: .leading, spacing: 4) {
                Text(v.reason).font(.headline)
                DetailText(L("hh_visit_line", Words.urgency(v.urgency), v.createdOn, v.dueOn))
                DetailText(v.closedAtMs.map { L("hh_visit_closed", Words.time(ms: $0)) } ?? L("hh_visit_open"))
                if let note = v.note, !note.trimmingCharacters(in: .whitespaces).isEmpty { DetailText(note) }
            }
            .card()
            .accessibilityElement(children: .combine)
        }
    }
}
