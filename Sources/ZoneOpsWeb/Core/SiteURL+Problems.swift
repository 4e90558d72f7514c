import Foundation
import ZoneOpsServices

/// The routes of problems and known errors, named once (a part of `SiteURL`).
enum ProblemURL: Sendable {
    case list(knownErrors: Bool), new(incidents: [String]), problem(String), action(String, String), recurrence
    case apiProblems, apiProblem(String), apiAction(String, String), apiKnownErrors, apiRecurrence, apiChangeFollowUp(String)
    case changeFollowUp(String)
    /// The known errors matching what the desk is typing, as a fragment.
    case knownErrorHint
    case export

    var path: String {
        switch self {
        case .list(let known): SiteURL.query("/problems", ["known": known ? "1" : nil])
        case .new(let incidents): SiteURL.query("/problems/new", ["incidents": incidents.isEmpty ? nil : incidents.joined(separator: ",")])
        case .problem(let id): "/problems/\(id)"
        case .action(let id, let action): "/problems/\(id)/\(action)"
        case .recurrence: "/problems/recurrence"
        case .apiProblems: "/api/v1/problems"
        case .apiProblem(let id): "/api/v1/problems/\(id)"
        case .apiAction(let id, let action): "/api/v1/problems/\(id)/\(action)"
        case .apiKnownErrors: "/api/v1/known-errors"
        case .apiRecurrence: "/api/v1/problems/recurrence"
        case .apiChangeFollowUp(let id): "/api/v1/changes/\(id)/follow-up"
        case .changeFollowUp(let id): "/changes/\(id)/follow-up"
        case .knownErrorHint: "/problems/known-errors"
        case .export: "/problems/export.xlsx"
        }
    }
}
