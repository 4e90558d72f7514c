import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// How changes read on every page: status and type badges, history lines, the window.
enum ChangeLabels {
    static func statusBadge(_ status: ChangeStatus, _ view: ViewContext) -> Node<HTML.BodyContext> {
        .span(.class("badge chg-\(status.rawValue)"), .text(view.t(status.label)))
    }

    /// The type, with emergency changes flagged wherever they are listed.
    static func typeBadge(_ type: ChangeType, _ view: ViewContext) -> Node<HTML.BodyContext> {
        .span(.class(type == .emergency ? "badge state-down" : type == .major ? "badge state-degraded" : "badge"), .text(view.t(type.label)))
    }

    static func window(_ start: Date, _ end: Date) -> String {
        let from = Format.time(start), to = Format.time(end)
        return from.prefix(10) == to.prefix(10) ? from + "–" + to.suffix(5) : from + " – " + to
    }

    static func entry(_ kind: String) -> TextKey {
        switch Changes.EntryKind(rawValue: kind) {
        case .created: .chgEntryCreated
        case .edited: .chgEntryEdited
        case .submitted: .chgEntrySubmitted
        case .approved: .chgEntryApproved
        case .rejected: .chgEntryRejected
        case .scheduled: .chgEntryScheduled
        case .implementing: .chgEntryImplementing
        case .note: .chgEntryNote
        case .result: .chgEntryResult
        case .document: .chgEntryDocument
        case .reviewed: .chgEntryReviewed
        case .followUp: .chgEntryFollowUp
        case nil: .chgEntryNote
        }
    }

    /// A history line's text: a result is stored as `result:note`; pre-approval by its template.
    static func entryBody(_ entry: ChangeQueries.Entry, _ view: ViewContext) -> String {
        if entry.kind == Changes.EntryKind.result.rawValue {
            let parts = entry.body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let result = ChangeResult(rawValue: parts.first ?? "").map { view.t($0.status.label) } ?? ""
            return [result, parts.count > 1 ? parts[1] : ""].filter { !$0.isEmpty }.joined(separator: "：")
        }
        if entry.kind == Changes.EntryKind.approved.rawValue, entry.body == "pre-approved" { return view.t(.chgPreApproved) }
        return entry.body
    }
}
