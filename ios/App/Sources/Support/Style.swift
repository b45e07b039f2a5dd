// 长辈版 and the system's accessibility settings, for every screen: the elder mode (settings)
// raises the Dynamic Type size into the accessibility sizes and makes touch targets bigger;
// Dynamic Type is respected everywhere (text styles only, no fixed font sizes); the system's
// Increase Contrast (colorSchemeContrast) and the elder mode both turn secondary greys into the
// primary colour and draw borders around controls.
import SwiftUI

private struct ElderModeKey: EnvironmentKey {
    static let defaultValue = false
}

extension EnvironmentValues {
    /// Whether 长辈版 is on (set once at the root from the settings).
    var elderMode: Bool {
        get { self[ElderModeKey.self] }
        set { self[ElderModeKey.self] = newValue }
    }
}

/// Applies 长辈版 below the root.
struct ElderModeModifier: ViewModifier {
    let on: Bool

    func body(content: Content) -> some View {
        content
            .environment(\.elderMode, on)
            // The worker's own size is kept when larger; 长辈版 raises it to the accessibility
            // sizes at least. Every size up to the largest accessibility size is allowed.
            .dynamicTypeSize(on ? DynamicTypeSize.accessibility1...DynamicTypeSize.accessibility5
                                : DynamicTypeSize.xSmall...DynamicTypeSize.accessibility5)
            .controlSize(on ? .large : .regular)
    }
}

/// A touch target at least 44 points (Apple's minimum), 64 in 长辈版, the whole frame tappable.
struct TouchTarget: ViewModifier {
    @Environment(\.elderMode) private var elder

    func body(content: Content) -> some View {
        content
            .frame(minWidth: elder ? 64 : 44, minHeight: elder ? 64 : 44)
            .contentShape(Rectangle())
    }
}

/// Secondary text: grey normally, the primary colour with more contrast or in 长辈版.
struct SecondaryText: ViewModifier {
    @Environment(\.elderMode) private var elder
    @Environment(\.colorSchemeContrast) private var contrast

    func body(content: Content) -> some View {
        content.foregroundStyle(elder || contrast == .increased ? Color.primary : Color.secondary)
    }
}

/// A warning's colour, darker with more contrast or in 长辈版.
struct WarningText: ViewModifier {
    @Environment(\.elderMode) private var elder
    @Environment(\.colorSchemeContrast) private var contrast

    func body(content: Content) -> some View {
        content
            .foregroundStyle(elder || contrast == .increased ? Color.red : Color.orange)
            .fontWeight(elder || contrast == .increased ? .semibold : .regular)
    }
}

/// A bordered card around a group of fields or a record; the border heavier with more contrast.
struct Card: ViewModifier {
    @Environment(\.elderMode) private var elder
    @Environment(\.colorSchemeContrast) private var contrast

    func body(content: Content) -> some View {
        content
            .padding(elder ? 16 : 12)
            .frame(maxWidth: .infinity, alignment: .leading)
            .overlay(
                RoundedRectangle(cornerRadius: 10)
                    .stroke(elder || contrast == .increased ? Color.primary : Color.secondary.opacity(0.4),
                            lineWidth: elder || contrast == .increased ? 2 : 1)
            )
    }
}

extension View {
    func elderMode(_ on: Bool) -> some View { modifier(ElderModeModifier(on: on)) }
    func touchTarget() -> some View { modifier(TouchTarget()) }
    func secondaryText() -> some View { modifier(SecondaryText()) }
    func warningText() -> some View { modifier(WarningText()) }
    func card() -> some View { modifier(Card()) }
}
