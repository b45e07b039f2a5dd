// The screens' shared controls (the port of the Android ui's common/Controls.kt): a screen's
// scrolling column, body and detail text, section titles, primary and secondary buttons, a
// labelled text field, choice and switch rows, the problem box. Text styles only (Dynamic Type),
// touch targets from TouchTarget (bigger in 长辈版), a VoiceOver label on every control.
import SwiftUI
import UIKit

/// A screen: its title in the navigation bar and its content in a scrolling column.
struct ScreenColumn<Content: View>: View {
    let title: String
    @ViewBuilder let content: () -> Content

    var body: some View {
        ScrollView {
            VStack(alignment: .leading, spacing: 16) {
                content()
            }
            .padding()
            .frame(maxWidth: .infinity, alignment: .leading)
        }
        .navigationTitle(title)
        .navigationBarTitleDisplayMode(.inline)
    }
}

/// Ordinary text.
struct BodyText: View {
    let text: String
    init(_ text: String) { self.text = text }
    var body: some View { Text(text).font(.body).fixedSize(horizontal: false, vertical: true) }
}

/// A detail under something (secondary, primary with more contrast or in 长辈版).
struct DetailText: View {
    let text: String
    init(_ text: String) { self.text = text }
    var body: some View { Text(text).font(.subheadline).secondaryText().fixedSize(horizontal: false, vertical: true) }
}

/// A section's title (a VoiceOver heading).
struct SectionTitle: View {
    let text: String
    init(_ text: String) { self.text = text }
    var body: some View {
        Text(text).font(.headline).padding(.top, 8).accessibilityAddTraits(.isHeader)
    }
}

/// The screen's main action.
struct PrimaryButton: View {
    let label: String
    var enabled = true
    var danger = false
    /// What VoiceOver says when it differs from the label.
    var description: String?
    let action: () -> Void

    var body: some View {
        Button(action: action) {
            Text(label).frame(maxWidth: .infinity)
        }
        .buttonStyle(.borderedProminent)
        .tint(danger ? .red : .accentColor)
        .touchTarget()
        .disabled(!enabled)
        .accessibilityLabel(description ?? label)
    }
}

/// A lesser action.
struct SecondaryButton: View {
    let label: String
    var enabled = true
    let action: () -> Void

    var body: some View {
        Button(action: action) {
            Text(label).frame(maxWidth: .infinity)
        }
        .buttonStyle(.bordered)
        .touchTarget()
        .disabled(!enabled)
        .accessibilityLabel(label)
    }
}

/// A text field with its label above, an optional hint, and the core's problem under it.
struct LabeledField: View {
    let label: String
    let value: String
    var hint: String?
    var problem: String?
    var keyboard: UIKeyboardType = .default
    let onChange: (String) -> Void

    var body: some View {
        VStack(alignment: .leading, spacing: 4) {
            Text(label).font(.subheadline)
            TextField(hint ?? "", text: Binding(get: { value }, set: onChange))
                .textFieldStyle(.roundedBorder)
                .keyboardType(keyboard)
                .autocorrectionDisabled()
                .textInputAutocapitalization(.never)
                .touchTarget()
                .accessibilityLabel(label)
                .accessibilityHint(hint ?? "")
            if let problem {
                Text(L("control_problem", problem)).font(.footnote).warningText()
            }
        }
    }
}

/// One choice among several (a radio row): chosen or not, said to VoiceOver too.
struct ChoiceRow: View {
    let label: String
    let chosen: Bool
    var detail: String?
    let onChoose: () -> Void

    var body: some View {
        Button(action: onChoose) {
            HStack {
                VStack(alignment: .leading, spacing: 2) {
                    Text(label).font(.body)
                    if let detail { Text(detail).font(.footnote).secondaryText() }
                }
                Spacer()
                if chosen { Text(L("control_chosen_mark")).font(.body.weight(.semibold)) }
            }
            .frame(maxWidth: .infinity, alignment: .leading)
        }
        .buttonStyle(.bordered)
        .touchTarget()
        .accessibilityLabel(label)
        .accessibilityValue(chosen ? L("control_chosen") : L("control_not_chosen"))
        .accessibilityAddTraits(chosen ? [.isSelected] : [])
    }
}

/// An on/off setting.
struct SwitchRow: View {
    let label: String
    let on: Bool
    var detail: String?
    let onChange: (Bool) -> Void

    var body: some View {
        Toggle(isOn: Binding(get: { on }, set: onChange)) {
            VStack(alignment: .leading, spacing: 2) {
                Text(label).font(.body)
                if let detail { Text(detail).font(.footnote).secondaryText() }
            }
        }
        .touchTarget()
        .accessibilityLabel(label)
        .accessibilityValue(on ? L("control_on") : L("control_off"))
    }
}

/// A problem to read, with 知道了 when it can be dismissed.
struct ProblemBox: View {
    let text: String
    var onDismiss: (() -> Void)?

    var body: some View {
        VStack(alignment: .leading, spacing: 8) {
            Text(L("control_problem", text)).font(.body).warningText()
                .fixedSize(horizontal: false, vertical: true)
            if let onDismiss {
                Button(L("control_dismiss"), action: onDismiss)
                    .buttonStyle(.bordered)
                    .touchTarget()
            }
        }
        .card()
        .accessibilityElement(children: .contain)
    }
}

/// A busy line: a spinner and what is happening.
struct BusyRow: View {
    let text: String
    var body: some View {
        HStack(spacing: 8) {
            ProgressView()
            Text(text).font(.body)
        }
        .accessibilityElement(children: .combine)
    }
}
