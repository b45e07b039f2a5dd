// The system share sheet over a handover file (UIActivityViewController): the file is written
// when the sheet opens and deleted when it closes, whether it was sent or not.
import SwiftUI
import UIKit

/// Shares one file; `onFinished` runs when the sheet closes (after the file is deleted).
struct ShareSheet: UIViewControllerRepresentable {
    let file: URL
    let onFinished: () -> Void

    func makeUIViewController(context: Context) -> UIActivityViewController {
        let controller = UIActivityViewController(activityItems: [file], applicationActivities: nil)
        // Nowhere that keeps a copy beyond the colleague's phone.
        controller.excludedActivityTypes = [.assignToContact, .addToReadingList, .postToFacebook,
                                            .postToTwitter, .postToWeibo, .postToTencentWeibo, .postToFlickr,
                                            .postToVimeo, .print]
        let file = self.file
        let finished = onFinished
        controller.completionWithItemsHandler = { _, _, _, _ in
            HandoverFiles.remove(file)
            finished()
        }
        return controller
    }

    func updateUIViewController(_ controller: UIActivityViewController, context: Context) {}
}
