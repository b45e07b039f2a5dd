// The county's web console driven over HTTP as a supervisor drives it: sign in with the demo's
// printed login, then submit its forms (issue an enrollment code, ask for a retake on the photo
// review form, revoke a device), each with the page's CSRF token. Cookies and redirects are
// handled here, so the session cookie is sent exactly as a browser would.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

final class CountyConsole {
    private let base: URL
    private var cookies: [String: String] = [:]
    private let session: URLSession
    private let redirects = NoRedirects()

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(base: String, username: String, password: String) throws {
        guard let url = URL(string: base) else { throw Failure(description: "not a URL: \(base)") }
        self.base = url
        session = URLSession(configuration: .ephemeral, delegate: redirects, delegateQueue: nil)
        let login = try get("/console/login")
        let page = try post("/console/login", ["username": username, "password": password, "csrf": csrf(of: login)])
        if page.contains("name=\"password\"") { throw Failure(description: "console sign-in failed") }
    }

    /// A one-time enrollment code for grid worker `workerId` in `grid` (设备与登记 → 签发).
    func issueCode(workerId: String, name: String, grid: String) throws -> String {
        let page = try post("/console/devices", [
            "csrf": csrf(of: get("/console/devices")), "worker_id": workerId, "name": name,
            "grids": grid, "villages": "", "role": "grid_worker",
        ])
        guard let code = first(#"id="code"[^>]*>([^<]+)<"#, in: page) else {
            throw Failure(description: "no code on the console's answer")
        }
        return code.trimmingCharacters(in: .whitespaces)
    }

    /// Asks for a retake of a photo on the review form (照片审核 → 重拍), with `reason`.
    func askRetake(docId: String, photoId: String, reason: String) throws {
        let page = try post("/console/photos/review", [
            "csrf": csrf(of: get("/console/photos")), "doc_id": docId, "photo_id": photoId,
            "decision": "retake_needed", "reason": reason,
        ])
        if page.contains("未能审核") || page.contains("无权操作") { throw Failure(description: "the review was refused") }
    }

    /// Revokes the device of `workerId` still active, on the devices page (停用并清除数据).
    func revokeDevice(of workerId: String) throws {
        let page = try get("/console/devices")
        guard let row = page.components(separatedBy: "<tr>").first(where: {
            $0.contains("<td>\(workerId)</td>") && $0.contains("/revoke\"")
        }), let action = first(#"action="(/console/devices/[^"]+/revoke)""#, in: row) else {
            throw Failure(description: "no active device of \(workerId) on the devices page")
        }
        _ = try post(action, ["csrf": csrf(of: page)])
    }

    private func csrf(of page: String) throws -> String {
        guard let token = first(#"name="csrf" value="([^"]+)""#, in: page) else {
            throw Failure(description: "no CSRF token on the page")
        }
        return token
    }

    private func first(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }

    private func get(_ path: String) throws -> String {
        try send(URLRequest(url: URL(string: path, relativeTo: base)!))
    }

    private func post(_ path: String, _ form: [String: String]) throws -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = form.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&").data(using: .utf8)
        return try send(request)
    }

    /// Sends with the cookies kept, keeps those set, follows redirects as GET.
    private func send(_ request: URLRequest, hops: Int = 0) throws -> String {
        var request = request
        if !cookies.isEmpty {
            request.setValue(cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), forHTTPHeaderField: "Cookie")
        }
        let (data, response) = try fetch(request)
        for line in setCookieLines(response) {
            let pair = line.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = pair[0].trimmingCharacters(in: .whitespaces)
            let value = pair.count > 1 ? String(pair[1]) : ""
            if line.contains("Max-Age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        if (300...399).contains(response.statusCode), let location = response.value(forHTTPHeaderField: "Location"), hops < 5 {
            return try send(URLRequest(url: URL(string: location, relativeTo: base)!), hops: hops + 1)
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func setCookieLines(_ response: HTTPURLResponse) -> [String] {
        // Several Set-Cookie headers may arrive folded into one, comma-separated; the console's
        // cookies carry no Expires date, so a comma only ever separates two cookies.
        guard let folded = response.value(forHTTPHeaderField: "Set-Cookie") else { return [] }
        return folded.components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private func fetch(_ request: URLRequest) throws -> (Data, HTTPURLResponse) {
        let answer = Answer()
        session.dataTask(with: request) { data, response, error in
            if let error {
                answer.outcome = .failure(error)
            } else if let http = response as? HTTPURLResponse {
                answer.outcome = .success((data ?? Data(), http))
            }
            answer.done.signal()
        }.resume()
        if answer.done.wait(timeout: .now() + 60) == .timedOut { throw Failure(description: "the console did not answer") }
        return try answer.outcome.get()
    }
}

/// One request's answer, written by URLSession's queue before it signals `done`, read after.
private final class Answer: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    var outcome: Result<(Data, HTTPURLResponse), Error> = .failure(CountyConsole.Failure(description: "no answer"))
}

/// Answers every redirect with "do not follow": CountyConsole follows them itself, with its cookies.
private final class NoRedirects: NSObject, URLSessionTaskDelegate {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
