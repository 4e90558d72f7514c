import Foundation
import ZoneOpsDomain
import ZoneOpsServices

/// The routes of changes, the change calendar and blackouts, named once (a part of `SiteURL`).
enum ChangeURL: Sendable {
    case list, new, change(String), edit(String), action(String, String), log(String), document(String), documentFile(String)
    case print(String), calendar(view: String?, date: String?), feed, blackouts, blackoutDelete(String), export, rules
    case apiChanges, apiChange(String), apiAction(String, String), apiLog(String), apiDocument(String), apiFeed
    case apiBlackouts, apiBlackout(String), apiCIMaintenance(String)
    case template(String), apiTemplate(String), apiTemplates

    var path: String {
        switch self {
        case .list: "/changes"
        case .new: "/changes/new"
        case .change(let id): "/changes/\(id)"
        case .edit(let id): "/changes/\(id)/edit"
        case .action(let id, let action): "/changes/\(id)/\(action)"
        case .log(let id): "/changes/\(id)/log"
        case .document(let id): "/changes/\(id)/document"
        case .documentFile(let id): "/changes/\(id)/document/file"
        case .print(let id): "/changes/\(id)/print"
        case .calendar(let view, let date): SiteURL.query("/changes/calendar", ["view": view, "date": date])
        case .feed: "/changes/calendar.ics"
        case .blackouts: "/changes/blackouts"
        case .blackoutDelete(let id): "/changes/blackouts/\(id)/delete"
        case .export: "/changes/export.xlsx"
        case .rules: "/admin/change-rules"
        case .apiChanges: "/api/v1/changes"
        case .apiChange(let id): "/api/v1/changes/\(id)"
        case .apiAction(let id, let action): "/api/v1/changes/\(id)/\(action)"
        case .apiLog(let id): "/api/v1/changes/\(id)/log"
        case .apiDocument(let id): "/api/v1/changes/\(id)/document"
        case .apiFeed: "/api/v1/changes/calendar.ics"
        case .apiBlackouts: "/api/v1/change-blackouts"
        case .apiBlackout(let id): "/api/v1/change-blackouts/\(id)"
        case .apiCIMaintenance(let id): "/api/v1/cis/\(id)/maintenance"
        case .template(let id): "/changes/\(id)/template"
        case .apiTemplate(let id): "/api/v1/changes/\(id)/template"
        case .apiTemplates: "/api/v1/change-templates"
        }
    }

    /// The list with its filters (and a page).
    static func list(_ filter: ChangeQueries.Filter, page: Int? = nil, base: ChangeURL = .list) -> String {
        SiteURL.query(base.path, ["q": filter.q, "status": filter.status?.rawValue, "type": filter.type?.rawValue,
                                  "ciId": filter.ciId?.uuidString, "page": page.map(String.init)])
    }
}

/// Times typed into forms and sent to the API: RFC 3339, or `YYYY-MM-DDTHH:MM` (and with a
/// space) as a browser's datetime-local field sends it, read in Beijing time. Only years
/// `years` are times here: the day arithmetic behind calendars and notice periods stays in range.
enum LocalTime {
    static let years = 2000...2100

    static func parse(_ text: String?) -> Date? {
        guard let date = read(text) else { return nil }
        return years.contains(Calendar(identifier: .gregorian).component(.year, from: date)) ? date : nil
    }

    private static func read(_ text: String?) -> Date? {
        guard let raw = text?.trimmingCharacters(in: .whitespaces), !raw.isEmpty, raw.count <= 40 else { return nil }
        let iso = ISO8601DateFormatter()
        if let date = iso.date(from: raw) { return date }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: raw) { return date }
        let parts = raw.replacingOccurrences(of: "T", with: " ").split(separator: " ")
        guard parts.count == 2, let day = CalendarDate(parsing: String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":").map { Int($0) }
        guard (2...3).contains(clock.count), let hour = clock[0], let minute = clock[1], (0...23).contains(hour), (0...59).contains(minute),
              let midnight = day.startInBeijing else { return nil }
        return midnight.addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }

    /// The value of a datetime-local field for a time (Beijing).
    static func field(_ date: Date?) -> String {
        guard let date else { return "" }
        return Format.time(date).replacingOccurrences(of: " ", with: "T")
    }
}
