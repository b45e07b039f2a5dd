// A view model made once per destination: SwiftUI may rebuild a view's value many times, but the
// model is made when the destination first appears and kept in @State for its lifetime (a model
// made in an init would start its core work again at every rebuild).
import SwiftUI

struct Hosted<Model, Content: View>: View {
    let make: @MainActor () -> Model
    @ViewBuilder let content: (Model) -> Content

    @State private var model: Model?

    init(_ make: @escaping @MainActor () -> Model, @ViewBuilder content: @escaping (Model) -> Content) {
        self.make = make
        self.content = content
    }

    var body: some View {
        if let model {
            content(model)
        } else {
            Color.clear.onAppear { model = make() }
        }
    }
}
