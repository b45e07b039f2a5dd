// The household form (register and edit) on HouseholdFormViewModel's state: the village and grid
// among the worker's places, the address, the phone, one GPS fix, housing, categories and flags,
// then members (the core's ID check as typed; 迁出 / 死亡 through the status, never deleted),
// supporters and economics with the core's 人均月收入 against the 低保 line. Every field sends its
// change as typed; the view model keeps it in the core's draft. The port of the Android ui's
// householdform/ (HouseholdFormView.kt, MemberEditor.kt, EconomicsEditor.kt).
import RuhuCore
import RuhuViewModels
import SwiftUI

struct HouseholdFormView: View {
    let model: HouseholdFormViewModel
    /// One position from CoreLocation (the app's), or nil when none came.
    let locate: () async -> LocationFix?

    @State private var locating = false
    @State private var noFix = false

    var body: some View {
        let state = model.state
        let editing = !state.formKey.hasPrefix("household/new/")
        ScreenColumn(title: editing ? L("hf_title_edit") : L("hf_title_new")) {
            if state.loading {
                BusyRow(text: L("hf_loading"))
            } else {
                DetailText(state.saved ? L("hf_saved") : state.draftPending ? L("hf_draft_pending") : L("hf_draft_kept"))
                if let problem = state.problem {
                    ProblemBox(text: Words.problem(problem)) { model.send(.dismiss) }
                }
                if !state.fieldProblems.isEmpty {
                    Text(L("hf_problems_summary", state.fieldProblems.count)).font(.body).warningText()
                }
                address(state)
                situation(state)
                members(state)
                supporters(state)
                economics(state)
                PrimaryButton(label: state.saving ? L("hf_saving") : L("hf_save"), enabled: !state.saving) {
                    model.send(.save)
                }
            }
        }
    }

    @ViewBuilder
    private func address(_ state: HouseholdFormState) -> some View {
        SectionTitle(L("hf_address"))
        if state.places.isEmpty { DetailText(L("hf_no_places")) }
        ForEach(Array(state.places.enumerated()), id: \.offset) { _, place in
            ChoiceRow(label: L("hf_place_choice", place.villageName, place.gridCode),
                      chosen: place.villageCode == state.value(FormFields.village) && place.gridCode == state.value(FormFields.grid)) {
                model.send(.placeChosen(place))
            }
        }
        FieldProblemLine(issue: state.fieldProblems[FormFields.village] ?? state.fieldProblems[FormFields.grid])
        FormTextField(model: model, label: L("hf_address_detail"), key: FormFields.address)
        FormTextField(model: model, label: L("hf_phone"), key: FormFields.phone, keyboard: .phonePad)
        SectionTitle(L("hf_location"))
        BodyText(Words.location(field: state.value(FormFields.location)))
        FieldProblemLine(issue: state.fieldProblems[FormFields.location])
        if noFix { Text(L("location_none")).font(.subheadline).warningText() }
        if locating {
            BusyRow(text: L("ios_locating"))
        } else {
            SecondaryButton(label: Words.hasLocation(field: state.value(FormFields.location)) ? L("hf_locate_again") : L("hf_locate")) {
                locating = true
                noFix = false
                Task {
                    let fix = await locate()
                    locating = false
                    if let fix {
                        model.send(.locationFixed(latitude: fix.latitude, longitude: fix.longitude, accuracy: fix.accuracy))
                    } else {
                        noFix = true
                    }
                }
            }
        }
    }

    @ViewBuilder
    private func situation(_ state: HouseholdFormState) -> some View {
        SectionTitle(L("hf_housing"))
        FormKeyChoice(model: model, label: L("hf_housing"), key: FormFields.housing, cases: FormChoices.housing, words: Words.housing)
        SectionTitle(L("hf_categories"))
        ForEach(FormFields.categories, id: \.self) { key in
            FormFlag(model: model, label: L("hf_category_switch", Words.category(String(key.dropFirst("categories.".count)))), key: key)
        }
        SectionTitle(L("hf_flags"))
        FormFlag(model: model, label: L("hh_flag_already_assisted"), key: FormFields.flags[0])
        FormFlag(model: model, label: L("hh_flag_poverty_registered"), key: FormFields.flags[1])
        FormFlag(model: model, label: L("hh_flag_staff_relative"), key: FormFields.flags[2])
    }

    @ViewBuilder
    private func members(_ state: HouseholdFormState) -> some View {
        SectionTitle(L("hf_members"))
        DetailText(L("hf_members_never_deleted"))
        ForEach(0..<state.memberCount, id: \.self) { i in
            MemberEditor(model: model, index: i)
        }
        SecondaryButton(label: L("hf_add_member")) { model.send(.addMember) }
    }

    @ViewBuilder
    private func supporters(_ state: HouseholdFormState) -> some View {
        SectionTitle(L("hf_supporters"))
        ForEach(0..<state.supporterCount, id: \.self) { i in
            let k = { (field: String) in FormFields.supporter(i, field) }
            let name = state.value(k("name")).trimmingCharacters(in: .whitespaces)
            VStack(alignment: .leading, spacing: 8) {
                SectionTitle(L("hf_supporter_title", i + 1, name.isEmpty ? L("hf_member_unnamed") : name))
                FormTextField(model: model, label: L("hf_name"), key: k("name"))
                FormTextField(model: model, label: L("hf_id_number"), key: k("id_number"), keyboard: .asciiCapable)
                IdCheckLine(check: state.idChecks[k("id_number")])
                FormTextField(model: model, label: L("hf_supporter_relation"), key: k("relation"))
                FormTextField(model: model, label: L("hf_supporter_income"), key: k("annual_income"), keyboard: .decimalPad)
                FormTextField(model: model, label: L("hf_supporter_paid"), key: k("annual_support_paid"), keyboard: .decimalPad)
            }
            .card()
        }
        SecondaryButton(label: L("hf_add_supporter")) { model.send(.addSupporter) }
    }

    @ViewBuilder
    private func economics(_ state: HouseholdFormState) -> some View {
        SectionTitle(L("hf_economics"))
        if let e = state.economics {
            BodyText(L("hf_per_capita", Words.yuan(e.perCapitaMonthlyIncomeFen)))
            BodyText(Words.dibaoLine(below: state.belowDibao, lineFen: state.dibaoLineFen))
        } else {
            DetailText(L("hf_per_capita_none"))
        }
        SectionTitle(L("hf_income"))
        amount("wage", L("hf_wage"))
        amount("farming", L("hf_farming"))
        amount("business", L("hf_business"))
        amount("property_rental", L("hf_property_rental"))
        amount("land_transfer", L("hf_land_transfer"))
        amount("pension", L("hf_pension"))
        amount("support_received", L("hf_support_received"))
        amount("subsidies", L("hf_subsidies"))
        amount("other_income", L("hf_other_income"))
        SectionTitle(L("hf_expenditure"))
        amount("medical", L("hf_medical"))
        amount("education", L("hf_education_cost"))
        amount("housing", L("hf_housing_cost"))
        amount("other_expenditure", L("hf_other_expenditure"))
        SectionTitle(L("hf_assets"))
        FormTextField(model: model, label: L("hf_house_count"), key: FormFields.houseCount, keyboard: .numberPad)
        FormTextField(model: model, label: L("hf_house_value"), key: FormFields.houseValue, keyboard: .decimalPad)
        FormTextField(model: model, label: L("hf_vehicle_count"), key: FormFields.vehicleCount, keyboard: .numberPad)
        FormTextField(model: model, label: L("hf_vehicle_value"), key: FormFields.vehicleValue, keyboard: .decimalPad)
        FormTextField(model: model, label: L("hf_deposits"), key: FormFields.deposits, keyboard: .decimalPad)
        FormTextField(model: model, label: L("hf_securities"), key: FormFields.securities, keyboard: .decimalPad)
        FormTextField(model: model, label: L("hf_debts"), key: FormFields.debts, keyboard: .decimalPad)
    }

    private func amount(_ name: String, _ label: String) -> some View {
        FormTextField(model: model, label: label, key: "economics.\(name)", keyboard: .decimalPad)
    }
}

/// One member's fields.
private struct MemberEditor: View {
    let model: HouseholdFormViewModel
    let index: Int

    var body: some View {
        let state = model.state
        let k = { (field: String) in FormFields.member(index, field) }
        let typed = state.value(k("name")).trimmingCharacters(in: .whitespaces)
        let status = state.memberStatus(index)
        let statusWords = status == .present ? "" : L("hf_member_title_status", Words.memberStatus(status))
        VStack(alignment: .leading, spacing: 8) {
            SectionTitle(statusWords + L("hf_member_title", index + 1, typed.isEmpty ? L("hf_member_unnamed") : typed))
            FormTextField(model: model, label: L("hf_name"), key: k("name"))
            FormTextField(model: model, label: L("hf_id_number"), key: k("id_number"), keyboard: .asciiCapable)
            IdCheckLine(check: state.idChecks[k("id_number")])
            FormKeyChoice(model: model, label: L("hf_relation"), key: k("relation"), cases: FormChoices.relations, words: Words.relation)
            FormKeyChoice(model: model, label: L("hf_sex"), key: k("sex"), cases: FormChoices.sexes, words: Words.sex)
            FormTextField(model: model, label: L("hf_birth_date"), key: k("birth_date"), keyboard: .numbersAndPunctuation)
            FormFlag(model: model, label: L("hf_major_illness"), key: k("major_illness"))
            FormFlag(model: model, label: L("hf_chronic_illness"), key: k("chronic_illness"))
            FormKeyChoice(model: model, label: L("hf_disability_kind"), key: k("disability_kind"),
                          cases: FormChoices.disabilityKinds, words: Words.disabilityKind, none: L("hf_no_disability"))
            if !state.value(k("disability_kind")).isEmpty || state.fieldProblems[k("disability_grade")] != nil {
                FormTextField(model: model, label: L("hf_disability_grade"), key: k("disability_grade"), keyboard: .numberPad)
            }
            FormTextField(model: model, label: L("hf_health_note"), key: k("health_note"))
            FormKeyChoice(model: model, label: L("hf_work"), key: k("work"), cases: FormChoices.work, words: Words.work)
            FormKeyChoice(model: model, label: L("hf_school"), key: k("school"), cases: FormChoices.schools, words: Words.school)
            FormKeyChoice(model: model, label: L("hf_marital"), key: k("marital"), cases: FormChoices.marital, words: Words.marital)
            FormKeyChoice(model: model, label: L("hf_education"), key: k("education"), cases: FormChoices.education, words: Words.education)
            HStack {
                Text(L("hf_status")).font(.body)
                Spacer()
                FormChoice(label: L("hf_status"),
                           options: FormChoices.memberStatuses.map { (value: choiceName($0), words: Words.memberStatus($0)) },
                           current: choiceName(status), issue: state.fieldProblems[k("status")]) { chosen in
                    if let next = FormChoices.find(chosen, in: FormChoices.memberStatuses) {
                        model.send(.memberStatusChanged(index: index, status: next))
                    }
                }
            }
        }
        .card()
    }
}

/// The core's reading of an ID number as typed: valid with its birth date and sex, or its reason.
private struct IdCheckLine: View {
    let check: IdCheck?

    var body: some View {
        switch check {
        case .valid(let info):
            Text(L("hf_id_valid", info.birthDate, Words.sex(info.sex))).font(.subheadline)
        case .invalid(let reason):
            FieldProblemLine(issue: .words(reason))
        case nil:
            EmptyView()
        }
    }
}
