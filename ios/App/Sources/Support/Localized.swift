// Every word the app shows comes from its string table (Resources/zh-Hans.lproj/Localizable.strings,
// the Android app's words converted by ios/strings_from_android.py, plus ios_strings.xml). Views
// read them through L: the key a string literal (ios/check_app.py checks each key exists), the
// arguments numbers or text, passed to the table's %@ / %lld placeholders at their own width.
import Foundation

/// A value a table text's placeholder takes: text as %@, whole numbers as %lld (64 bits, whatever
/// the Swift integer type, so that a UInt32 count never meets a 64-bit placeholder).
protocol LocalizedArgument {
    var formatArgument: CVarArg { get }
}

extension String: LocalizedArgument {
    var formatArgument: CVarArg { self as NSString }
}

extension Substring: LocalizedArgument {
    var formatArgument: CVarArg { String(self) as NSString }
}

extension Int: LocalizedArgument { var formatArgument: CVarArg { Int64(self) } }
extension Int32: LocalizedArgument { var formatArgument: CVarArg { Int64(self) } }
extension Int64: LocalizedArgument { var formatArgument: CVarArg { self } }
extension UInt32: LocalizedArgument { var formatArgument: CVarArg { Int64(self) } }
extension UInt64: LocalizedArgument { var formatArgument: CVarArg { Int64(clamping: self) } }
extension UInt8: LocalizedArgument { var formatArgument: CVarArg { Int64(self) } }

/// The table's text for `key`.
func L(_ key: String) -> String {
    Bundle.main.localizedString(forKey: key, value: key, table: nil)
}

/// The table's text for `key` with its placeholders filled in order.
func L(_ key: String, _ args: LocalizedArgument...) -> String {
    String(format: L(key), locale: Locale(identifier: "zh-Hans"), arguments: args.map(\.formatArgument))
}
