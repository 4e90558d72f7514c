import Foundation
import ZoneOpsDomain
import ZoneOpsWire

/// The filtered incident list as an .xlsx workbook, headed in the reader's language.
public enum IncidentExport {
    public static let maxRows = 10_000

    public static func workbook(_ rows: [IncidentQueries.Row], language: AppLanguage) throws -> Data {
        let catalog = Catalog.shared
        let header: [TextKey] = [.incNumber, .incFieldTitle, .incFieldPriority, .incFieldStatus, .incFieldChannel, .incFieldRequester,
                                 .incFieldOrganization, .incFieldGroup, .incFieldAssignee, .incFieldCreated, .incResponseDue,
                                 .incResolveDue, .incResponded, .incStatusResolved, .incBreached, .incFieldRating]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = BusinessCalendar.shanghai
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        func time(_ date: Date?) -> String { date.map(formatter.string(from:)) ?? "" }
        let lines = rows.map { row -> [String] in
            [row.number, row.title, row.priority.label, catalog.text(row.status.label, language), row.channel, row.requesterName,
             row.organizationName ?? "", row.groupName ?? "", row.assigneeName ?? "", time(row.createdAt), time(row.responseDueAt),
             time(row.resolveDueAt), time(row.respondedAt), time(row.resolvedAt),
             [row.responseBreached ? "response" : nil, row.resolveBreached ? "resolve" : nil].compactMap { $0 }.joined(separator: ","),
             row.rating.map(String.init) ?? ""]
        }
        return try XLSXWriter.workbook(sheetName: language == .en ? "Incidents" : "事件清单",
                                       rows: [header.map { catalog.text($0, language) }] + lines)
    }
}
