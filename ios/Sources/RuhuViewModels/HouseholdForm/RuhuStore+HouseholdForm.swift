// The core's reading of typed amounts, a free function in the bindings, given to the store as
// a method so that the household form (and the case screen's amounts) can call it through
// their protocols.
import RuhuCore

extension RuhuStore {
    /// 元 as typed ("1200", "1,200.50", "¥300") as 分; throws ApiError.InvalidInput on `field`.
    public func parseAmount(field: String, text: String) throws -> Int64 {
        try RuhuCore.parseAmount(field: field, text: text)
    }
}
