// The household form's controls over HouseholdFormState's field keys: a text field, a yes/no
// switch ("1" or ""), a choice among an enum's cases (sent as choiceName(...), the drafts' form),
// and the problem line under a field (the core's words, or a kind the app words).
import RuhuCore
import RuhuViewModels
import SwiftUI
import UIKit

/// The words for a field's problem.
func fieldIssueText(_ issue: FieldIssue) -> String {
    switch issue {
    case .words(let text): return text
    case .choiceMissing: return L("ios_field_choice_missing")
    case .notANumber: return L("ios_field_not_a_number")
    case .locationUnreadable: return L("ios_field_location_unreadable")
    }
}

/// ⚠ and the problem, under its field.
struct FieldProblemLine: View {
    let issue: FieldIssue?

    var body: some View {
        if let issue {
            Text(L("hf_field_problem", fieldIssueText(issue))).font(.subheadline).warningText()
        }
    }
}

/// The text field of form key `key`: every keystroke goes out as .fieldChanged.
struct FormTextField: View {
    let model: HouseholdFormViewModel
    let label: String
    let key: String
    var hint: String?
    var keyboard: UIKeyboardType = .default

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            LabeledField(label: label, value: model.state.value(key), hint: hint, keyboard: keyboard) {
                model.send(.fieldChanged(field: key, value: $0))
            }
            FieldProblemLine(issue: model.state.fieldProblems[key])
        }
    }
}

/// A yes/no field of form key `key` ("1" or "").
struct FormFlag: View {
    let model: HouseholdFormViewModel
    let label: String
    let key: String

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            SwitchRow(label: label, on: model.state.value(key) == "1") {
                model.send(.fieldChanged(field: key, value: $0 ? "1" : ""))
            }
            FieldProblemLine(issue: model.state.fieldProblems[key])
        }
    }
}

/// A choice of form key `key` among `options` (value as the draft keeps it, words).
struct FormChoice: View {
    let label: String
    let options: [(value: String, words: String)]
    let current: String
    let issue: FieldIssue?
    let onChoose: (String) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 2) {
            Picker(selection: Binding(get: { current }, set: onChoose)) {
                if !options.contains(where: { $0.value == current }) {
                    Text(L("hf_not_chosen")).tag(current)
                }
                ForEach(options, id: \.value) { option in
                    Text(option.words).tag(option.value)
                }
            } label: {
                Text(label)
            }
            .pickerStyle(.menu)
            .touchTarget()
            .accessibilityLabel(label)
            .accessibilityValue(options.first { $0.value == current }?.words ?? L("hf_not_chosen"))
            FieldProblemLine(issue: issue)
        }
    }
}

/// A choice field of the form: the enum's cases by their draft names.
struct FormKeyChoice<E>: View {
    let model: HouseholdFormViewModel
    let label: String
    let key: String
    let cases: [E]
    let words: (E) -> String
    /// A first option meaning "none" (e.g. 无残疾), sent as "".
    var none: String?

    var body: some View {
        let options = (none.map { [(value: "", words: $0)] } ?? []) + cases.map { (value: choiceName($0), words: words($0)) }
        HStack {
            Text(label).font(.body)
            Spacer()
            FormChoice(label: label, options: options, current: model.state.value(key),
                       issue: model.state.fieldProblems[key]) { model.send(.fieldChanged(field: key, value: $0)) }
        }
    }
}
