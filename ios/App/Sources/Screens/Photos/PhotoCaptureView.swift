// Taking photos for a household or a case on PhotoCaptureViewModel's state: the camera (JPEG
// bytes in memory, handed to the view model, which sends them through the core's pipeline off
// the main actor), the photo's kind and caption, the core's refusal words, and the target's
// photos as thumbnails (decrypted by the core, in memory). The port of the Android app's
// camera/PhotoCaptureScreen.kt.
import RuhuCore
import RuhuViewModels
import SwiftUI
import UIKit

/// The kinds offered for a household's photos and for a case's (as the Android app offers them).
let householdPhotoKinds: [PhotoKind] = [.house, .people, .idCard, .authorization]
let casePhotoKinds: [PhotoKind] = [.damage, .medicalBill, .signature, .publicNotice]

struct PhotoCaptureView: View {
    let model: PhotoCaptureViewModel
    let kinds: [PhotoKind]
    /// 完成: the screen is left.
    let onDone: () -> Void

    @State private var cameraFailed = false

    var body: some View {
        let state = model.state
        ScreenColumn(title: L("photo_take")) {
            PhotoCameraView(busy: state.saving, onCaptured: { bytes in
                cameraFailed = false
                model.send(.captured(bytes))
            }, onFailed: { cameraFailed = true })
            if cameraFailed { Text(L("photo_failed")).font(.body).warningText() }
            if let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismiss) }
            }
            ForEach(kinds, id: \.self) { kind in
                ChoiceRow(label: Words.photoKind(kind), chosen: state.kind == kind) { model.send(.kindChosen(kind)) }
            }
            LabeledField(label: L("photo_caption"), value: state.caption) { model.send(.captionChanged($0)) }
            if let kept = state.kept {
                DetailText(L("hf_saved") + L("households_view_note_separator") + Words.photoTitle(kept))
            }
            SectionTitle(L("hh_photos", state.photos.count))
            LazyVGrid(columns: [GridItem(.adaptive(minimum: 96), spacing: 8)], spacing: 8) {
                ForEach(state.photos, id: \.photoId) { photo in
                    Thumbnail(model: model, photo: photo)
                }
            }
            PrimaryButton(label: L("action_done"), enabled: !state.saving, action: onDone)
        }
    }
}

/// One photo's thumbnail, read through the view model when it appears.
private struct Thumbnail: View {
    let model: PhotoCaptureViewModel
    let photo: PhotoRecord

    @State private var image: UIImage?

    var body: some View {
        Group {
            if let image {
                Image(uiImage: image).resizable().scaledToFill()
            } else {
                Rectangle().fill(Color.secondary.opacity(0.2))
            }
        }
        .frame(width: 96, height: 96)
        .clipShape(RoundedRectangle(cornerRadius: 6))
        .accessibilityElement()
        .accessibilityLabel(Words.photoTitle(photo))
        .task(id: photo.photoId) {
            if let bytes = await model.thumbnail(photo) { image = UIImage(data: bytes) }
        }
    }
}

/// Answering a photo a supervisor sent back (需重拍) on RetakesViewModel's state: the reason, the
/// camera, and the retake kept with the old photo's kind and caption.
struct RetakeView: View {
    let model: RetakesViewModel
    /// The photo sent back.
    let photoId: String
    /// The retake was kept (the photo is owed no more): the screen is left.
    let onDone: () -> Void

    @State private var cameraFailed = false

    var body: some View {
        let state = model.state
        let owed = state.owed.first { $0.photoId == photoId }
        ScreenColumn(title: L("hh_photo_retake_now")) {
            if let problem = state.problem {
                ProblemBox(text: Words.problem(problem)) { model.send(.dismiss) }
            }
            if let owed {
                BodyText(Words.photoTitle(owed))
                Text(L("hh_photo_retake", owed.reviewReason)).font(.body).warningText()
                PhotoCameraView(busy: state.retaking == photoId, onCaptured: { bytes in
                    cameraFailed = false
                    model.send(.retaken(photo: owed, bytes: bytes))
                }, onFailed: { cameraFailed = true })
                if cameraFailed { Text(L("photo_failed")).font(.body).warningText() }
            } else if state.loading {
                BusyRow(text: L("hh_loading"))
            } else {
                BodyText(L("hf_saved"))
                PrimaryButton(label: L("action_done"), action: onDone)
            }
        }
    }
}
