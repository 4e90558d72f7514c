import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// How incidents' values read on every page: statuses, channels, reasons, priority badges and
/// the SLA countdown (rendered here, kept current by app.js from its `datetime`).
enum IncidentLabels {
    static func status(_ status: IncidentStatus) -> TextKey { status.label }

    static func channel(_ raw: String) -> TextKey {
        switch IncidentChannel(rawValue: raw) ?? .api {
        case .portal: .incChannelPortal
        case .hotline: .incChannelHotline
        case .mobile: .incChannelMobile
        case .monitoring: .incChannelMonitoring
        case .inspection: .incChannelInspection
        case .api: .incChannelApi
        }
    }

    static func pending(_ reason: PendingReason) -> TextKey {
        switch reason {
        case .requester: .incPendingRequester
        case .vendor: .incPendingVendor
        case .sparePart: .incPendingSparePart
        case .other: .incPendingOther
        }
    }

    static func queue(_ queue: IncidentQueries.Queue) -> TextKey {
        switch queue {
        case .all: .incQueueAll
        case .mine: .incQueueMine
        case .group: .incQueueGroup
        case .unassigned: .incQueueUnassigned
        case .breaching: .incQueueBreaching
        case .major: .incQueueMajor
        }
    }

    static func entry(_ kind: String) -> TextKey {
        switch EntryKind(rawValue: kind) {
        case .created: .incEntryCreated
        case .note: .incEntryNote
        case .reply: .incEntryReply
        case .status: .incEntryStatus
        case .assign: .incEntryAssign
        case .urge: .incEntryUrge
        case .slaWarning: .incEntrySLAWarning
        case .slaBreach: .incEntrySLABreach
        case .link: .incEntryLink
        case .survey: .incEntrySurvey
        case .major: .incEntryMajor
        case .timeline: .incEntryTimeline
        case .priority: .incEntryPriority
        case .escalation: .incEntryEscalation
        case .reminder: .incEntryReminder
        case .problem: .prbEntryOnIncident
        case .callback, nil: .incEntryNote
        }
    }

    /// A status entry's body in words ("pending:requester" → 挂起 · 等待报告人).
    static func entryBody(_ entry: IncidentQueries.Entry, _ view: ViewContext) -> String {
        if entry.kind == EntryKind.escalation.rawValue { return view.t(.incEscalatedToLead) }
        if entry.kind == EntryKind.reminder.rawValue { return view.format(.incReminderBody, entry.body) }
        if entry.kind == EntryKind.slaWarning.rawValue || entry.kind == EntryKind.slaBreach.rawValue {
            let clock = entry.body.hasPrefix("response") ? view.t(.incResponseDue) : view.t(.incResolveDue)
            let when = entry.body.hasSuffix(":outside") ? " · " + view.t(.hotlineOutsideHours) : ""
            return clock + when
        }
        guard entry.kind == EntryKind.status.rawValue else { return entry.body }
        if entry.body.hasPrefix("resolved-with:") { return view.format(.incResolvedWith, String(entry.body.dropFirst(14))) }
        if entry.body.hasPrefix("pending:"), let reason = PendingReason(rawValue: String(entry.body.dropFirst(8))) {
            return view.t(.incStatusPending) + " · " + view.t(pending(reason))
        }
        if entry.body == "reopened" { return view.t(.incActReopen) }
        if entry.body == "claimed" { return view.t(.incActClaim) }
        return IncidentStatus(rawValue: entry.body).map { view.t(status($0)) } ?? entry.body
    }

    static func priorityBadge(_ priority: Priority) -> Node<HTML.BodyContext> {
        .span(.class("badge priority-\(priority.rawValue)"), .text(priority.label))
    }

    static func statusBadge(_ status: IncidentStatus, _ view: ViewContext) -> Node<HTML.BodyContext> {
        .span(.class("badge status-\(status.rawValue)"), .text(view.t(Self.status(status))))
    }

    /// "剩余 2小时5分" / "已超时 10分" with the due instant for app.js to keep it current.
    static func countdown(_ due: Date?, paused: Bool, breached: Bool, done: Bool, now: Date, _ view: ViewContext) -> Node<HTML.BodyContext> {
        if paused { return .span(.class("due paused"), .text(view.t(.incPaused))) }
        guard let due else {
            return done ? .span(.class(breached ? "due overdue" : "due met"), .text(view.t(breached ? .incBreached : .incMet))) : .text("—")
        }
        let left = due.timeIntervalSince(now)
        let text = left >= 0 ? view.format(.incDueIn, duration(left, view.language)) : view.format(.incOverdue, duration(-left, view.language))
        return .element(named: "time", nodes: [
            .attr("class", left < 0 ? "due overdue" : (left < 3600 ? "due soon" : "due")),
            .attr("datetime", ISO8601DateFormatter().string(from: due)), .attr("data-due", "countdown"),
            .attr("title", Format.time(due)), .text(text),
        ])
    }

    /// A span of time in days, hours and minutes, in the reader's language.
    static func duration(_ seconds: TimeInterval, _ language: AppLanguage) -> String {
        let minutes = Int(seconds / 60)
        let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        if language == .en {
            return [d > 0 ? "\(d) d" : nil, h > 0 ? "\(h) h" : nil, d == 0 ? "\(m) min" : nil].compactMap { $0 }.joined(separator: " ")
        }
        return [d > 0 ? "\(d)天" : nil, h > 0 ? "\(h)小时" : nil, d == 0 ? "\(m)分" : nil].compactMap { $0 }.joined()
    }
}
