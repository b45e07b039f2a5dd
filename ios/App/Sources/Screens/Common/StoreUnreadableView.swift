// The notice shown when the store cannot be read (the port of StoreUnreadableScreen.kt): said
// plainly; the file is kept for the county's support, never deleted by the app.
import SwiftUI

struct StoreUnreadableView: View {
    /// Why, as a fixed sentence from the table (chosen by the root from the store's state).
    let reason: String

    var body: some View {
        NavigationStack {
            ScreenColumn(title: L("store_unreadable_title")) {
                BodyText(L("store_unreadable"))
                DetailText(reason)
            }
        }
    }
}
