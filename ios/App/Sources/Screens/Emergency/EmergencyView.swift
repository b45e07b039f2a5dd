// 发现急难 on EmergencyViewModel's state, one step at a time: choose the household (or register a
// family not on the phone), the kind of emergency and how urgent, then the reported case with its
// clocks in words against the present minute (the port of the Android ui's EmergencyView.kt).
import RuhuCore
import RuhuViewModels
import SwiftUI

struct EmergencyView: View {
    let model: EmergencyViewModel
    /// 完成 once the case is reported: the app leaves for the case.
    let onClose: (String?) -> Void

    var body: some View {
        let state = model.state
        ScreenColumn(title: L("emergency_title")) {
            if let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismissProblem) }
            }
            if state.working { BusyRow(text: L("emergency_saving")) }
            switch state.step {
            case .chooseHousehold: chooseHousehold(state)
            case .registerHousehold: registerHousehold(state)
            case .describeEmergency: describe(state)
            case .reported:
                if let detail = state.caseDetail {
                    ReportedCase(detail: detail) { onClose(state.caseId) }
                }
            }
        }
    }

    @ViewBuilder
    private func chooseHousehold(_ state: EmergencyState) -> some View {
        BodyText(L("emergency_step_household"))
        LabeledField(label: L("emergency_search"), value: state.searchText,
                     hint: L("emergency_search_hint")) { model.send(.searchChanged($0)) }
        ForEach(state.results, id: \.id) { household in
            HouseholdRow(household: household, actionLabel: L("emergency_choose_household")) {
                model.send(.householdChosen(household))
            }
        }
        if !state.searchText.trimmingCharacters(in: .whitespaces).isEmpty && state.results.isEmpty {
            DetailText(L("emergency_not_found"))
        }
        PrimaryButton(label: L("emergency_register_new")) { model.send(.registerNew) }
    }

    @ViewBuilder
    private func registerHousehold(_ state: EmergencyState) -> some View {
        let form = state.form
        let change = { (edit: (inout NewHouseholdForm) -> Void) in
            var next = form
            edit(&next)
            model.send(.formChanged(next))
        }
        BodyText(L("emergency_register_intro"))
        LabeledField(label: L("emergency_head_name"), value: form.headName,
                     problem: state.problem?.reason(for: "head_name")) { v in change { $0.headName = v } }
        LabeledField(label: L("emergency_head_id"), value: form.headIdNumber, hint: L("emergency_head_id_hint"),
                     problem: state.problem?.reason(for: "id_number")) { v in change { $0.headIdNumber = v } }
        SectionTitle(L("emergency_head_sex"))
        ForEach([Sex.male, Sex.female], id: \.self) { sex in
            ChoiceRow(label: Words.sex(sex), chosen: form.headSex == sex) { change { $0.headSex = sex } }
        }
        LabeledField(label: L("emergency_head_birth"), value: form.headBirthDate, hint: L("emergency_head_birth_hint"),
                     keyboard: .numbersAndPunctuation) { v in change { $0.headBirthDate = v } }
        SectionTitle(L("emergency_place"))
        if state.places.isEmpty { DetailText(L("hf_no_places")) }
        ForEach(Array(state.places.enumerated()), id: \.offset) { _, place in
            ChoiceRow(label: L("hf_place_choice", place.villageName, place.gridCode),
                      chosen: form.villageCode == place.villageCode && form.gridCode == place.gridCode) {
                model.send(.placeChosen(place))
            }
        }
        LabeledField(label: L("emergency_address"), value: form.address) { v in change { $0.address = v } }
        LabeledField(label: L("emergency_phone"), value: form.phone, keyboard: .phonePad) { v in change { $0.phone = v } }
        SectionTitle(L("emergency_housing"))
        ForEach([Housing.ownedSafe, .ownedUnsafe, .rented, .borrowed, .disasterDamaged, .none], id: \.self) { housing in
            ChoiceRow(label: Words.housing(housing), chosen: form.housing == housing) { change { $0.housing = housing } }
        }
        PrimaryButton(label: L("emergency_save_household"), enabled: state.canSaveHousehold) { model.send(.saveHousehold) }
        SecondaryButton(label: L("common_back")) { model.send(.back) }
    }

    @ViewBuilder
    private func describe(_ state: EmergencyState) -> some View {
        if let household = state.household { SectionTitle(L("emergency_head", household.headName)) }
        BodyText(L("emergency_step_kind"))
        ForEach([EmergencyKind.fire, .trafficAccident, .suddenIllness, .accident, .naturalDisaster, .majorIllness, .other],
                id: \.self) { kind in
            ChoiceRow(label: Words.emergencyKind(kind), chosen: state.kind == kind) { model.send(.kindChosen(kind)) }
        }
        BodyText(L("emergency_step_path"))
        ForEach([CasePath.critical, .urgent, .normal], id: \.self) { path in
            let words = Words.casePath(path)
            ChoiceRow(label: words.name, chosen: state.path == path, detail: words.detail) { model.send(.pathChosen(path)) }
        }
        LabeledField(label: L("emergency_description"), value: state.description) { model.send(.descriptionChanged($0)) }
        PrimaryButton(label: L("emergency_report"), enabled: state.canReport, danger: true) { model.send(.report) }
        SecondaryButton(label: L("common_back")) { model.send(.back) }
    }
}

/// The reported case: its path, when it was reported, its next deadline and every clock, said
/// against the present minute (redrawn each minute).
struct ReportedCase: View {
    let detail: CaseDetail
    let onClose: () -> Void

    var body: some View {
        TimelineView(.periodic(from: .now, by: 60)) { context in
            let nowMs = Int64(context.date.timeIntervalSince1970 * 1000)
            let path = Words.casePath(detail.path)
            VStack(alignment: .leading, spacing: 12) {
                SectionTitle(L("emergency_reported", path.name, path.detail))
                DetailText(L("emergency_reported_at", Words.time(ms: detail.openedAtMs), Words.caseStatus(detail.status)))
                if let due = detail.nextDeadlineMs {
                    let clock = Words.dueClock(minutesLeft: (due - nowMs) / 60_000)
                    if detail.overdue || due < nowMs {
                        ProblemBox(text: L("emergency_overdue", clock))
                    } else {
                        BodyText(L("emergency_next_step", clock, Words.time(ms: due)))
                    }
                }
                ForEach(Array(detail.clocks.enumerated()), id: \.offset) { _, clock in
                    let whereNow = clock.state.map(Words.clockState) ?? clock.warning ?? L("emergency_clock_undecided")
                    let due = clock.dueMs.map { L("emergency_clock_due", Words.time(ms: $0)) } ?? ""
                    DetailText(L("emergency_clock_line", Words.caseClock(clock.clock), whereNow, due)
                        .trimmingCharacters(in: .whitespaces))
                }
                PrimaryButton(label: L("common_done"), action: onClose)
            }
        }
    }
}
