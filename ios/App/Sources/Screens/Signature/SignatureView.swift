// 签字 on SignatureViewModel's state: who signs (written; the core refuses an empty signer), the
// pad (a finger's strokes in the pad's own points, origin top left, sent as begin / extend / end),
// 撤销 and 清除重签, 确认签字 with the pad's size, the core's refusal under the pad or the name, and
// the signatures kept so far. The port of the Android ui's signature/SignatureView.kt.
import RuhuCore
import RuhuViewModels
import SwiftUI

struct SignatureView: View {
    let model: SignatureViewModel
    /// 签完了: back to where the pad was opened from.
    let onDone: () -> Void

    @State private var padSize = CGSize.zero

    var body: some View {
        let state = model.state
        ScreenColumn(title: L("signature_title")) {
            if let problem = state.problem, state.strokesProblem == nil, state.signerProblem == nil {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismiss) }
            }
            SectionTitle(L("signature_who"))
            LabeledField(label: L("signature_signer_field"), value: state.signer, hint: L("signature_signer_hint"),
                         problem: state.signerProblem) { model.send(.signerChanged($0)) }
            BodyText(L("signature_pad_hint"))
            SignaturePad(strokes: state.strokes, drawing: state.drawing, size: $padSize,
                         begin: { model.send(.beginStroke(x: $0, y: $1)) },
                         extend: { model.send(.extendStroke(x: $0, y: $1)) },
                         end: { model.send(.endStroke) })
            if let problem = state.strokesProblem {
                Text(L("control_problem", problem)).font(.subheadline).warningText()
            }
            if state.saving { BusyRow(text: L("signature_saving")) }
            if !state.canSave && !state.saving { DetailText(L("signature_needs")) }
            PrimaryButton(label: L("signature_save"), enabled: state.canSave) {
                model.send(.save(padWidth: Float(padSize.width), padHeight: Float(padSize.height)))
            }
            HStack(spacing: 8) {
                SecondaryButton(label: L("ios_signature_undo"), enabled: !state.strokes.isEmpty) { model.send(.undo) }
                SecondaryButton(label: L("signature_clear")) { model.send(.clear) }
            }
            if !state.kept.isEmpty {
                SectionTitle(L("signature_kept_title"))
                ForEach(state.kept, id: \.photoId) { photo in
                    DetailText(L("signature_kept_item", photo.caption, Words.time(ms: photo.takenAtMs)))
                }
                PrimaryButton(label: L("signature_done"), action: onDone)
            }
        }
    }
}

/// The pad: draws the strokes and reports the finger in the pad's own points.
private struct SignaturePad: View {
    let strokes: [[PadPointInput]]
    let drawing: [PadPointInput]
    @Binding var size: CGSize
    let begin: (Float, Float) -> Void
    let extend: (Float, Float) -> Void
    let end: () -> Void

    @State private var touching = false
    @Environment(\.colorSchemeContrast) private var contrast

    var body: some View {
        GeometryReader { geometry in
            Canvas { context, _ in
                for stroke in strokes + [drawing] where !stroke.isEmpty {
                    var path = Path()
                    path.move(to: CGPoint(x: CGFloat(stroke[0].x), y: CGFloat(stroke[0].y)))
                    for point in stroke.dropFirst() {
                        path.addLine(to: CGPoint(x: CGFloat(point.x), y: CGFloat(point.y)))
                    }
                    if stroke.count == 1 {
                        path.addEllipse(in: CGRect(x: CGFloat(stroke[0].x) - 1.5, y: CGFloat(stroke[0].y) - 1.5, width: 3, height: 3))
                    }
                    context.stroke(path, with: .color(.primary),
                                   style: StrokeStyle(lineWidth: 3, lineCap: .round, lineJoin: .round))
                }
            }
            .contentShape(Rectangle())
            // The pad takes the finger before the screen's scrolling does.
            .highPriorityGesture(
                DragGesture(minimumDistance: 0, coordinateSpace: .local)
                    .onChanged { value in
                        let x = Float(min(max(value.location.x, 0), geometry.size.width))
                        let y = Float(min(max(value.location.y, 0), geometry.size.height))
                        if touching {
                            extend(x, y)
                        } else {
                            touching = true
                            begin(x, y)
                        }
                    }
                    .onEnded { _ in
                        touching = false
                        end()
                    }
            )
            .onAppear { size = geometry.size }
            .onChange(of: geometry.size) { _, new in size = new }
        }
        .frame(height: 220)
        .background(Color(uiColor: .secondarySystemBackground))
        .overlay(RoundedRectangle(cornerRadius: 8)
            .stroke(contrast == .increased ? Color.primary : Color.secondary, lineWidth: contrast == .increased ? 2 : 1))
        .accessibilityElement()
        .accessibilityLabel(L("signature_pad_description"))
        .accessibilityAddTraits(.allowsDirectInteraction)
    }
}
