import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsStore

/// The jobs table for admins: what ran, what waits, what failed and why.
struct JobsPage {
    var jobs: [JobRecord]

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .h1(.text(view.t(.jobsTitle))),
            .p(.class("muted"), .text(view.t(.jobsHint))),
            jobs.isEmpty ? .p(.text(view.t(.jobsNone))) : .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text(view.t(.jobKind))), .th(.text(view.t(.jobStatus))), .th(.text(view.t(.jobRunAt))),
                           .th(.text(view.t(.jobAttempts))), .th(.text(view.t(.jobOutcome))))),
                .tbody(.group(jobs.map { row($0, view) })))))
    }

    private func row(_ job: JobRecord, _ view: ViewContext) -> Node<HTML.TableContext> {
        let outcome = job.status == .succeeded ? job.result : job.lastError
        return .tr(.td(.text(view.t(Self.label(of: job.kind)) + (job.occurrence.map { " · " + $0 } ?? ""))),
                   .td(.span(.class("status-\(job.status.rawValue)"), .text(view.t(Self.label(of: job.status))))),
                   .td(.text(Format.time(job.runAt))),
                   .td(.text("\(job.attempts)/\(job.maxAttempts)")),
                   .td(.class("details"), .text(outcome ?? "—")))
    }

    static func label(of kind: String) -> TextKey {
        switch kind {
        case JobKind.verifyAudit: .jobAuditVerify
        case JobKind.cleanImports: .jobImportsClean
        case JobKind.incidentSLA: .jobIncidentSLA
        case JobKind.autoClose: .jobIncidentAutoClose
        case JobKind.remindPending: .jobIncidentRemind
        case JobKind.changeMaintenance: .jobChangeMaintenance
        case JobKind.pruneEvents: .jobMonitoringPrune
        default: .jobPrune
        }
    }

    static func label(of status: JobStatus) -> TextKey {
        switch status {
        case .queued: .jobQueued
        case .running: .jobRunning
        case .succeeded: .jobSucceeded
        case .failed: .jobFailed
        }
    }
}
