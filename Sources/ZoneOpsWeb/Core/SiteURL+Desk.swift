import Foundation
import ZoneOpsServices

/// The routes of the service desk, named once (a part of `SiteURL`).
enum DeskURL: Sendable {
    case queue, queueFragment, newIncident, incident(String), incidentAction(String, String), slip(String), slipParts(String), slipConfirm(String)
    case attachments(String), attachment(String, String), apiAttachments(String)
    case export, bulk, savedFilters, savedFilterDelete(String)
    case calendar(year: Int?), calendarDay, calendarImport, calendarImportCommit, slaLevels
    case majorReport(String), majorActions(String), majorActionDone(String, String)
    case categories, categoryRename(String), priorityMatrix
    case portal, portalNew, portalTicket(String), portalAction(String, String), rate(String)
    case hotline, hotlineCalls, hotlineCallback(String), hotlineHistory
    case live
    case apiIncidents, apiIncident(String), apiIncidentAction(String, String), apiHotlineCalls, apiWorkload

    var path: String {
        switch self {
        case .queue: "/incidents"
        case .queueFragment: "/incidents/fragment"
        case .export: "/incidents/export.xlsx"
        case .majorReport(let id): "/incidents/\(id)/major-report"
        case .majorActions(let id): "/incidents/\(id)/major-actions"
        case .majorActionDone(let id, let action): "/incidents/\(id)/major-actions/\(action)/done"
        case .calendar(let year): SiteURL.query("/admin/calendar", ["year": year.map(String.init)])
        case .calendarDay: "/admin/calendar/days"
        case .calendarImport: "/admin/calendar/import"
        case .calendarImportCommit: "/admin/calendar/import/commit"
        case .slaLevels: "/admin/calendar/sla"
        case .categories: "/admin/calendar/categories"
        case .categoryRename(let key): "/admin/calendar/categories/\(key)"
        case .priorityMatrix: "/admin/calendar/matrix"
        case .bulk: "/incidents/bulk"
        case .savedFilters: "/incidents/filters"
        case .savedFilterDelete(let name): "/incidents/filters/\(name)/delete"
        case .newIncident: "/incidents/new"
        case .incident(let id): "/incidents/\(id)"
        case .incidentAction(let id, let action): "/incidents/\(id)/\(action)"
        case .slip(let id): "/incidents/\(id)/slip"
        case .slipParts(let id): "/incidents/\(id)/slip/parts"
        case .slipConfirm(let id): "/incidents/\(id)/slip/confirm"
        case .attachments(let id): "/incidents/\(id)/attachments"
        case .attachment(let id, let file): "/incidents/\(id)/attachments/\(file)"
        case .apiAttachments(let id): "/api/v1/incidents/\(id)/attachments"
        case .portal: "/service-desk"
        case .portalNew: "/service-desk/new"
        case .portalTicket(let id): "/service-desk/tickets/\(id)"
        case .portalAction(let id, let action): "/service-desk/tickets/\(id)/\(action)"
        case .rate(let token): "/rate/\(token)"
        case .hotline: "/hotline"
        case .hotlineCalls: "/hotline/calls"
        case .hotlineCallback(let id): "/hotline/calls/\(id)/callback"
        case .hotlineHistory: "/hotline/history"
        case .live: "/live"
        case .apiIncidents: "/api/v1/incidents"
        case .apiIncident(let id): "/api/v1/incidents/\(id)"
        case .apiIncidentAction(let id, let action): "/api/v1/incidents/\(id)/\(action)"
        case .apiHotlineCalls: "/api/v1/hotline/calls"
        case .apiWorkload: "/api/v1/incidents/workload"
        }
    }

    /// A queue with its filters (and a page), for links and the live refresh.
    static func queue(_ filter: IncidentQueries.Filter, fragment: Bool = false, page: Int? = nil, base: DeskURL? = nil) -> String {
        SiteURL.query((base ?? (fragment ? DeskURL.queueFragment : .queue)).path,
                      ["queue": filter.queue == .all ? nil : filter.queue.rawValue, "q": filter.q, "status": filter.status,
                       "priority": filter.priority.map { "P\($0)" }, "assignee": filter.assignee, "page": page.map(String.init)])
    }
}
