// Minimal SwiftUI stub for type-checking on Linux: the subset the app uses, signatures as in
// SwiftUI (iOS 17) as far as known; bodies are empty.
@_exported import Foundation
@_exported import Observation
import UIKit

@MainActor @preconcurrency public protocol View {
    associatedtype Body: View
    @ViewBuilder @MainActor var body: Self.Body { get }
}
extension Never: View { public typealias Body = Never; public var body: Never { fatalError() } }
extension Optional: View where Wrapped: View { public var body: Never { fatalError() } }

public struct EmptyView: View { public init() {}; public var body: Never { fatalError() } }
public struct TupleView<T>: View { public init(_ value: T) {}; public var body: Never { fatalError() } }
public struct _ConditionalContent<T: View, F: View>: View { public var body: Never { fatalError() } }
public struct AnyView: View { public init<V: View>(_ v: V) {}; public var body: Never { fatalError() } }
public struct ModifiedContent<C, M>: View { public var body: Never { fatalError() } }

@resultBuilder public struct ViewBuilder {
    public static func buildBlock() -> EmptyView { EmptyView() }
    public static func buildBlock<C: View>(_ c: C) -> C { c }
    public static func buildBlock<each C: View>(_ c: repeat each C) -> TupleView<(repeat each C)> { TupleView((repeat each c)) }
    public static func buildIf<C: View>(_ c: C?) -> C? { c }
    public static func buildEither<T: View, F: View>(first: T) -> _ConditionalContent<T, F> { fatalError() }
    public static func buildEither<T: View, F: View>(second: F) -> _ConditionalContent<T, F> { fatalError() }
    public static func buildLimitedAvailability<C: View>(_ c: C) -> AnyView { AnyView(c) }
}

@resultBuilder public struct SceneBuilder {
    public static func buildBlock<C: Scene>(_ c: C) -> C { c }
}
@resultBuilder public struct ToolbarContentBuilder {
    public static func buildBlock<C: ToolbarContent>(_ c: C) -> C { c }
}
public protocol ToolbarContent {}
public struct ToolbarItem<ID, Content: View>: ToolbarContent {
    public init(placement: ToolbarItemPlacement = .automatic, @ViewBuilder content: () -> Content) where ID == () {}
}
public struct ToolbarItemPlacement { public static let automatic = ToolbarItemPlacement(), primaryAction = ToolbarItemPlacement() }

// MARK: state

@propertyWrapper public struct State<Value>: DynamicProperty {
    public init(wrappedValue: Value) { fatalError() }
    public init(initialValue: Value) { fatalError() }
    public init() where Value: ExpressibleByNilLiteral { fatalError() }
    public var wrappedValue: Value { get { fatalError() } nonmutating set {} }
    public var projectedValue: Binding<Value> { fatalError() }
}
@propertyWrapper @dynamicMemberLookup public struct Binding<Value> {
    public init(get: @escaping () -> Value, set: @escaping (Value) -> Void) {}
    public var wrappedValue: Value { get { fatalError() } nonmutating set {} }
    public var projectedValue: Binding<Value> { self }
    public subscript<T>(dynamicMember keyPath: WritableKeyPath<Value, T>) -> Binding<T> { fatalError() }
    public subscript<T>(dynamicMember keyPath: ReferenceWritableKeyPath<Value, T>) -> Binding<T> where Value: AnyObject { fatalError() }
}
public protocol DynamicProperty {}
@propertyWrapper public struct Environment<Value>: DynamicProperty {
    public init(_ keyPath: KeyPath<EnvironmentValues, Value>) {}
    public var wrappedValue: Value { fatalError() }
}
public protocol EnvironmentKey { associatedtype Value; static var defaultValue: Value { get } }
public struct EnvironmentValues {
    public subscript<K: EnvironmentKey>(key: K.Type) -> K.Value { get { fatalError() } set {} }
    public var colorSchemeContrast: ColorSchemeContrast { fatalError() }
    public var openURL: OpenURLAction { fatalError() }
    public var scenePhase: ScenePhase { fatalError() }
}
public enum ColorSchemeContrast: Equatable { case standard, increased }
public enum ScenePhase: Equatable { case background, inactive, active }
public struct OpenURLAction { public func callAsFunction(_ url: URL) {} }

// MARK: app

@MainActor public protocol App { associatedtype Body: Scene; @SceneBuilder @MainActor var body: Body { get }; init() }
extension App { @MainActor public static func main() {} }
public protocol Scene {}
public struct WindowGroup<Content: View>: Scene { public init(@ViewBuilder content: () -> Content) {} }
extension Scene {
    public func onChange<V: Equatable>(of value: V, initial: Bool = false, _ action: @escaping (V, V) -> Void) -> some Scene { self }
}
@propertyWrapper public struct UIApplicationDelegateAdaptor<D: NSObject & UIApplicationDelegate>: DynamicProperty {
    public init(_ type: D.Type) {}
    public var wrappedValue: D { fatalError() }
}

// MARK: values

public struct Font {
    public static let body = Font(), headline = Font(), subheadline = Font(), footnote = Font(), callout = Font(),
        title3 = Font(), title = Font(), caption = Font()
    public func weight(_ w: Weight) -> Font { self }
    public struct Weight { public static let regular = Weight(), semibold = Weight(), bold = Weight() }
}
public protocol ShapeStyle {}
public struct Color: View, ShapeStyle {
    public static let clear = Color(), primary = Color(), secondary = Color(), red = Color(), orange = Color(), accentColor = Color()
    public init(uiColor: UIColor) {}
    init() {}
    public func opacity(_ o: Double) -> Color { self }
    public var body: Never { fatalError() }
}
public enum HorizontalAlignment { case leading, center, trailing }
public enum VerticalAlignment { case top, center, bottom }
public struct Alignment { public static let leading = Alignment(), center = Alignment(), topLeading = Alignment() }
public enum TextAlignment { case leading, center, trailing }
public struct Edge { public struct Set { public static let top = Set(), horizontal = Set(), vertical = Set(), bottom = Set(), all = Set() } }
public enum ContentMode { case fit, fill }
public enum Axis { case horizontal, vertical; public struct Set { public static let horizontal = Set(), vertical = Set() } }
public enum DynamicTypeSize: Comparable { case xSmall, small, medium, large, xLarge, xxLarge, xxxLarge, accessibility1, accessibility2, accessibility3, accessibility4, accessibility5 }
public enum ControlSize { case mini, small, regular, large }
public struct AccessibilityTraits: OptionSet { public let rawValue: Int; public init(rawValue: Int) { self.rawValue = rawValue }
    public static let isHeader = AccessibilityTraits(rawValue: 1), isButton = AccessibilityTraits(rawValue: 2),
        isSelected = AccessibilityTraits(rawValue: 4), allowsDirectInteraction = AccessibilityTraits(rawValue: 8) }
public struct AccessibilityChildBehavior { public static let ignore = Self(), combine = Self(), contain = Self() }
public struct ButtonRole { public static let cancel = ButtonRole(), destructive = ButtonRole() }
public enum TextInputAutocapitalization { case never, words, sentences, characters }
public enum NavigationBarItem { public enum TitleDisplayMode { case inline, large, automatic } }

// MARK: shapes

public protocol Shape: View {}
extension Shape {
    public func fill<S: ShapeStyle>(_ s: S) -> some View { EmptyView() }
    public func stroke<S: ShapeStyle>(_ s: S, lineWidth: CGFloat = 1) -> some View { EmptyView() }
    public var body: Never { fatalError() }
}
public struct Rectangle: Shape { public init() {} }
public struct RoundedRectangle: Shape { public init(cornerRadius: CGFloat) {} }
public struct Path { public init() {}
    public mutating func move(to p: CGPoint) {}; public mutating func addLine(to p: CGPoint) {}
    public mutating func addEllipse(in r: CGRect) {} }
public struct StrokeStyle { public init(lineWidth: CGFloat = 1, lineCap: CGLineCap = .butt, lineJoin: CGLineJoin = .miter) {} }
public enum CGLineCap { case butt, round }
public enum CGLineJoin { case miter, round }
public struct GraphicsContext { public enum Shading { case color(Color) }
    public func stroke(_ p: Path, with: Shading, style: StrokeStyle) {} }

// MARK: views

public struct Text: View {
    public init<S: StringProtocol>(_ content: S) {}
    public var body: Never { fatalError() }
}
public struct Image: View {
    public init(systemName: String) {}
    public init(uiImage: UIImage) {}
    public func resizable() -> Image { self }
    public var body: Never { fatalError() }
}
extension View { public func scaledToFill() -> some View { self } }
public struct Label<Title: View, Icon: View>: View {
    public init<S: StringProtocol>(_ title: S, systemImage: String) where Title == Text, Icon == Image {}
    public var body: Never { fatalError() }
}
public struct Button<L: View>: View {
    public init(action: @escaping @MainActor () -> Void, @ViewBuilder label: () -> L) {}
    public init<S: StringProtocol>(_ title: S, action: @escaping @MainActor () -> Void) where L == Text {}
    public init<S: StringProtocol>(_ title: S, role: ButtonRole?, action: @escaping @MainActor () -> Void) where L == Text {}
    public var body: Never { fatalError() }
}
public struct Toggle<L: View>: View {
    public init(isOn: Binding<Bool>, @ViewBuilder label: () -> L) {}
    public var body: Never { fatalError() }
}
public struct TextField<L: View>: View {
    public init<S: StringProtocol>(_ title: S, text: Binding<String>) where L == Text {}
    public var body: Never { fatalError() }
}
public struct TextEditor: View { public init(text: Binding<String>) {}; public var body: Never { fatalError() } }
public struct Picker<L: View, SelectionValue: Hashable, Content: View>: View {
    public init(selection: Binding<SelectionValue>, @ViewBuilder content: () -> Content, @ViewBuilder label: () -> L) {}
    public var body: Never { fatalError() }
}
public struct ForEach<Data: RandomAccessCollection, ID: Hashable, Content: View>: View {
    public init(_ data: Data, id: KeyPath<Data.Element, ID>, @ViewBuilder content: @escaping (Data.Element) -> Content) {}
    public init(_ data: Data, @ViewBuilder content: @escaping (Data.Element) -> Content) where Data.Element: Identifiable, ID == Data.Element.ID {}
    public var body: Never { fatalError() }
}
public struct VStack<Content: View>: View {
    public init(alignment: HorizontalAlignment = .center, spacing: CGFloat? = nil, @ViewBuilder content: () -> Content) {}
    public var body: Never { fatalError() }
}
public struct HStack<Content: View>: View {
    public init(alignment: VerticalAlignment = .center, spacing: CGFloat? = nil, @ViewBuilder content: () -> Content) {}
    public var body: Never { fatalError() }
}
public struct LazyVStack<Content: View>: View {
    public init(alignment: HorizontalAlignment = .center, spacing: CGFloat? = nil, @ViewBuilder content: () -> Content) {}
    public var body: Never { fatalError() }
}
public struct GridItem { public enum Size { case adaptive(minimum: CGFloat), flexible, fixed(CGFloat) }
    public init(_ size: Size = .flexible, spacing: CGFloat? = nil) {} }
public struct LazyVGrid<Content: View>: View {
    public init(columns: [GridItem], spacing: CGFloat? = nil, @ViewBuilder content: () -> Content) {}
    public var body: Never { fatalError() }
}
public struct ScrollView<Content: View>: View { public init(@ViewBuilder content: () -> Content) {}; public var body: Never { fatalError() } }
public struct Group<Content: View>: View { public init(@ViewBuilder content: () -> Content) {}; public var body: Never { fatalError() } }
public struct Spacer: View { public init(minLength: CGFloat? = nil) {}; public var body: Never { fatalError() } }
public struct ProgressView: View {
    public init() {}
    public init<S: StringProtocol>(_ title: S) {}
    public var body: Never { fatalError() }
}
public struct NavigationStack<Root: View>: View {
    public init(@ViewBuilder root: () -> Root) {}
    public init<D: Hashable>(path: Binding<[D]>, @ViewBuilder root: () -> Root) {}
    public var body: Never { fatalError() }
}
public struct TabView<SelectionValue: Hashable, Content: View>: View {
    public init(selection: Binding<SelectionValue>, @ViewBuilder content: () -> Content) {}
    public var body: Never { fatalError() }
}
public struct TimelineViewDefaultContext { public let date: Date }
public protocol TimelineSchedule {}
public struct PeriodicTimelineSchedule: TimelineSchedule { }
extension TimelineSchedule where Self == PeriodicTimelineSchedule {
    public static func periodic(from startDate: Date, by interval: TimeInterval) -> PeriodicTimelineSchedule { .init() }
}
public struct TimelineView<Schedule: TimelineSchedule, Content: View>: View {
    public init(_ schedule: Schedule, @ViewBuilder content: @escaping (TimelineViewDefaultContext) -> Content) {}
    public var body: Never { fatalError() }
}
public struct Canvas: View {
    public init(renderer: @escaping (inout GraphicsContext, CGSize) -> Void) {}
    public var body: Never { fatalError() }
}
public struct GeometryProxy { public var size: CGSize { fatalError() } }
public struct GeometryReader<Content: View>: View {
    public init(@ViewBuilder content: @escaping (GeometryProxy) -> Content) {}
    public var body: Never { fatalError() }
}
public struct ViewThatFits<Content: View>: View {
    public init(in axes: Axis.Set = [], @ViewBuilder content: () -> Content) {}
    public var body: Never { fatalError() }
}
extension Axis.Set: ExpressibleByArrayLiteral { public init(arrayLiteral elements: Axis.Set...) {} }

// MARK: gestures

public protocol Gesture {}
public struct DragGesture: Gesture {
    public struct Value { public var location: CGPoint { fatalError() } }
    public init(minimumDistance: CGFloat = 10, coordinateSpace: CoordinateSpace = .local) {}
    public func onChanged(_ a: @escaping (Value) -> Void) -> DragGesture { self }
    public func onEnded(_ a: @escaping (Value) -> Void) -> DragGesture { self }
}
public enum CoordinateSpace { case local, global }

// MARK: styles

public protocol PrimitiveButtonStyle {}
public struct BorderedProminentButtonStyle: PrimitiveButtonStyle {}
public struct BorderedButtonStyle: PrimitiveButtonStyle {}
public struct PlainButtonStyle: PrimitiveButtonStyle {}
extension PrimitiveButtonStyle where Self == BorderedProminentButtonStyle { public static var borderedProminent: Self { .init() } }
extension PrimitiveButtonStyle where Self == BorderedButtonStyle { public static var bordered: Self { .init() } }
extension PrimitiveButtonStyle where Self == PlainButtonStyle { public static var plain: Self { .init() } }
public protocol TextFieldStyle {}
public struct RoundedBorderTextFieldStyle: TextFieldStyle {}
extension TextFieldStyle where Self == RoundedBorderTextFieldStyle { public static var roundedBorder: Self { .init() } }
public protocol PickerStyle {}
public struct MenuPickerStyle: PickerStyle {}
extension PickerStyle where Self == MenuPickerStyle { public static var menu: Self { .init() } }

// MARK: modifiers

public protocol ViewModifier { associatedtype Body: View; typealias Content = _ViewModifier_Content<Self>
    @ViewBuilder @MainActor func body(content: Content) -> Body }
public struct _ViewModifier_Content<M>: View { public var body: Never { fatalError() } }

extension View {
    public func modifier<M: ViewModifier>(_ m: M) -> ModifiedContent<Self, M> { fatalError() }
    public func font(_ f: Font?) -> some View { self }
    public func fontWeight(_ w: Font.Weight?) -> some View { self }
    public func foregroundStyle<S: ShapeStyle>(_ s: S) -> some View { self }
    public func padding(_ length: CGFloat? = nil) -> some View { self }
    public func padding(_ edges: Edge.Set, _ length: CGFloat? = nil) -> some View { self }
    public func frame(width: CGFloat? = nil, height: CGFloat? = nil, alignment: Alignment = .center) -> some View { self }
    public func frame(minWidth: CGFloat? = nil, idealWidth: CGFloat? = nil, maxWidth: CGFloat? = nil, minHeight: CGFloat? = nil,
                      idealHeight: CGFloat? = nil, maxHeight: CGFloat? = nil, alignment: Alignment = .center) -> some View { self }
    public func fixedSize(horizontal: Bool, vertical: Bool) -> some View { self }
    public func multilineTextAlignment(_ a: TextAlignment) -> some View { self }
    public func background<V: View>(_ v: V) -> some View { self }
    public func background<S: ShapeStyle, T: Shape>(_ s: S, in shape: T) -> some View { self }
    public func overlay<V: View>(_ v: V) -> some View { self }
    public func clipShape<S: Shape>(_ s: S) -> some View { self }
    public func contentShape<S: Shape>(_ s: S) -> some View { self }
    public func aspectRatio(_ r: CGFloat? = nil, contentMode: ContentMode) -> some View { self }
    public func tint(_ c: Color?) -> some View { self }
    public func buttonStyle<S: PrimitiveButtonStyle>(_ s: S) -> some View { self }
    public func textFieldStyle<S: TextFieldStyle>(_ s: S) -> some View { self }
    public func pickerStyle<S: PickerStyle>(_ s: S) -> some View { self }
    public func keyboardType(_ t: UIKeyboardType) -> some View { self }
    public func autocorrectionDisabled(_ d: Bool = true) -> some View { self }
    public func textInputAutocapitalization(_ a: TextInputAutocapitalization?) -> some View { self }
    public func disabled(_ d: Bool) -> some View { self }
    public func controlSize(_ s: ControlSize) -> some View { self }
    public func dynamicTypeSize<T: RangeExpression>(_ r: T) -> some View where T.Bound == DynamicTypeSize { self }
    public func environment<V>(_ k: WritableKeyPath<EnvironmentValues, V>, _ v: V) -> some View { self }
    public func accessibilityLabel<S: StringProtocol>(_ s: S) -> some View { self }
    public func accessibilityHint<S: StringProtocol>(_ s: S) -> some View { self }
    public func accessibilityValue<S: StringProtocol>(_ s: S) -> some View { self }
    public func accessibilityAddTraits(_ t: AccessibilityTraits) -> some View { self }
    public func accessibilityElement(children: AccessibilityChildBehavior = .ignore) -> some View { self }
    public func navigationTitle<S: StringProtocol>(_ s: S) -> some View { self }
    public func navigationBarTitleDisplayMode(_ m: NavigationBarItem.TitleDisplayMode) -> some View { self }
    public func navigationDestination<D: Hashable, C: View>(for: D.Type, @ViewBuilder destination: @escaping (D) -> C) -> some View { self }
    public func toolbar<C: ToolbarContent>(@ToolbarContentBuilder content: () -> C) -> some View { self }
    public func tabItem<V: View>(@ViewBuilder _ label: () -> V) -> some View { self }
    public func tag<V: Hashable>(_ v: V) -> some View { self }
    public func id<ID: Hashable>(_ id: ID) -> some View { self }
    public func refreshable(action: @escaping @Sendable () async -> Void) -> some View { self }
    public func task(priority: TaskPriority = .userInitiated, _ action: @escaping @Sendable () async -> Void) -> some View { self }
    public func task<T: Equatable>(id: T, priority: TaskPriority = .userInitiated, _ action: @escaping @Sendable () async -> Void) -> some View { self }
    public func onAppear(perform: (() -> Void)? = nil) -> some View { self }
    public func onDisappear(perform: (() -> Void)? = nil) -> some View { self }
    public func onChange<V: Equatable>(of value: V, initial: Bool = false, _ action: @escaping (V, V) -> Void) -> some View { self }
    public func onOpenURL(perform: @escaping (URL) -> Void) -> some View { self }
    public func sheet<Item: Identifiable, C: View>(item: Binding<Item?>, onDismiss: (() -> Void)? = nil,
                                                 @ViewBuilder content: @escaping (Item) -> C) -> some View { self }
    public func alert<S: StringProtocol, A: View>(_ title: S, isPresented: Binding<Bool>, @ViewBuilder actions: () -> A) -> some View { self }
    public func gesture<G: Gesture>(_ g: G) -> some View { self }
    public func highPriorityGesture<G: Gesture>(_ g: G) -> some View { self }
}

// MARK: representables

public struct UIViewRepresentableContext<R> {}
@MainActor public protocol UIViewRepresentable: View where Body == Never {
    associatedtype UIViewType: UIView
    typealias Context = UIViewRepresentableContext<Self>
    func makeUIView(context: Context) -> UIViewType
    func updateUIView(_ v: UIViewType, context: Context)
}
extension UIViewRepresentable { public var body: Never { fatalError() } }
public struct UIViewControllerRepresentableContext<R> {}
@MainActor public protocol UIViewControllerRepresentable: View where Body == Never {
    associatedtype UIViewControllerType: UIViewController
    typealias Context = UIViewControllerRepresentableContext<Self>
    func makeUIViewController(context: Context) -> UIViewControllerType
    func updateUIViewController(_ c: UIViewControllerType, context: Context)
}
extension UIViewControllerRepresentable { public var body: Never { fatalError() } }
