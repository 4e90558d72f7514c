/// The kinds of audited events. The raw value is what the audit log stores.
public enum AuditAction: String, CaseIterable, Sendable {
    case loginSuccess = "login.success"
    case loginFailure = "login.failure"
    case logout = "logout"
    case userCreate = "user.create"
    case userUpdate = "user.update"
    case organizationCreate = "organization.create"
    case tokenCreate = "token.create"
    case tokenRevoke = "token.revoke"
    case ciCreate = "ci.create"
    case ciUpdate = "ci.update"
    case ciDelete = "ci.delete"
    case relationCreate = "relation.create"
    case relationDelete = "relation.delete"
    case locationCreate = "location.create"
    case ciTypeUpdate = "ci_type.update"
    case sparePartCreate = "spare_part.create"
    case spareMove = "spare.move"
    case ciCredentialRead = "ci.credential.read"
    case settingsUpdate = "settings.update"
    case passwordChange = "user.password_change"
    case incidentCreate = "incident.create"
    case incidentAssign = "incident.assign"
    case incidentStatus = "incident.status"
    case incidentUrge = "incident.urge"
    case incidentNote = "incident.note"
    case incidentLink = "incident.link"
    case incidentSurvey = "incident.survey"
    case incidentMajor = "incident.declare_major"
    case incidentPriority = "incident.priority"
    case slaWarning = "incident.sla_warning"
    case slaBreach = "incident.sla_breach"
    case hotlineCall = "hotline.call"
    case hotlineCallback = "hotline.callback"
    case calendarUpdate = "calendar.update"
    case slaTargetUpdate = "sla_target.update"
    case repairSlipSave = "repair_slip.save"
    case repairSlipParts = "repair_slip.parts"
    case repairSlipConfirm = "repair_slip.confirm"
    case majorReportSave = "major_report.save"
    case preventiveAction = "major_report.action"
    case categoryUpdate = "incident_category.update"
    case changeCreate = "change.create"
    case changeUpdate = "change.update"
    case changeSubmit = "change.submit"
    case changeApprove = "change.approve"
    case changeReject = "change.reject"
    case changeSchedule = "change.schedule"
    case changeImplement = "change.implement"
    case changeComplete = "change.complete"
    case changeReview = "change.review"
    case changeLog = "change.log"
    case changeDocument = "change.document"
    case blackoutCreate = "change_blackout.create"
    case blackoutDelete = "change_blackout.delete"
    case problemCreate = "problem.create"
    case problemLink = "problem.link"
    case problemUpdate = "problem.update"
    case problemClose = "problem.close"
    case recurrenceUpdate = "problem.recurrence_rule"
    case changeFollowUp = "change.follow_up"
    case changeTemplate = "change.template"
    case releaseCreate = "release.create"
    case releaseDeploy = "release.deploy"
    case releaseRollback = "release.rollback"
    /// CIs put into or out of maintenance by their windows.
    case ciMaintenance = "ci.maintenance"
    /// A CI's operational state changed by monitoring (probes, events).
    case ciState = "ci.state"
    case alertAcknowledge = "monitor.acknowledge"
    case alertMap = "monitor.map"
    case silenceCreate = "monitor.silence"
    case silenceEnd = "monitor.silence_end"
    case probeUpdate = "monitor.probe"
    case ruleUpdate = "monitor.rule"
    case rosterSave = "duty.roster"
    case rosterGenerate = "duty.generate"
    case shiftSave = "duty.shift"
    case shiftDelete = "duty.shift_delete"
    case swapRequest = "duty.swap_request"
    case swapDecide = "duty.swap_decide"
    case feedCreate = "duty.feed"

    /// The audit action of a step on a change.
    public static func change(_ action: ChangeAction) -> AuditAction {
        switch action {
        case .submit: .changeSubmit
        case .approve: .changeApprove
        case .reject: .changeReject
        case .schedule: .changeSchedule
        case .implement: .changeImplement
        case .complete: .changeComplete
        case .review: .changeReview
        }
    }

    public var label: TextKey {
        switch self {
        case .loginSuccess: .actionLoginSuccess
        case .loginFailure: .actionLoginFailure
        case .logout: .actionLogout
        case .userCreate: .actionUserCreate
        case .userUpdate: .actionUserUpdate
        case .organizationCreate: .actionOrganizationCreate
        case .tokenCreate: .actionTokenCreate
        case .tokenRevoke: .actionTokenRevoke
        case .ciCreate: .actionCICreate
        case .ciUpdate: .actionCIUpdate
        case .ciDelete: .actionCIDelete
        case .relationCreate: .actionRelationCreate
        case .relationDelete: .actionRelationDelete
        case .locationCreate: .actionLocationCreate
        case .ciTypeUpdate: .actionCITypeUpdate
        case .sparePartCreate: .actionSparePartCreate
        case .spareMove: .actionSpareMove
        case .ciCredentialRead: .actionCredentialRead
        case .settingsUpdate: .actionSettingsUpdate
        case .passwordChange: .actionPasswordChange
        case .incidentCreate: .actionIncidentCreate
        case .incidentAssign: .actionIncidentAssign
        case .incidentStatus: .actionIncidentStatus
        case .incidentUrge: .actionIncidentUrge
        case .incidentNote: .actionIncidentNote
        case .incidentLink: .actionIncidentLink
        case .incidentSurvey: .actionIncidentSurvey
        case .incidentMajor: .actionIncidentMajor
        case .incidentPriority: .actionIncidentPriority
        case .slaWarning: .actionSLAWarning
        case .slaBreach: .actionSLABreach
        case .hotlineCall: .actionHotlineCall
        case .hotlineCallback: .actionHotlineCallback
        case .calendarUpdate: .actionCalendarUpdate
        case .slaTargetUpdate: .actionSLATargetUpdate
        case .repairSlipSave: .actionRepairSlipSave
        case .repairSlipParts: .actionRepairSlipParts
        case .repairSlipConfirm: .actionRepairSlipConfirm
        case .majorReportSave: .actionMajorReportSave
        case .preventiveAction: .actionPreventiveAction
        case .categoryUpdate: .actionCategoryUpdate
        case .changeCreate: .actionChangeCreate
        case .changeUpdate: .actionChangeUpdate
        case .changeSubmit: .actionChangeSubmit
        case .changeApprove: .actionChangeApprove
        case .changeReject: .actionChangeReject
        case .changeSchedule: .actionChangeSchedule
        case .changeImplement: .actionChangeImplement
        case .changeComplete: .actionChangeComplete
        case .changeReview: .actionChangeReview
        case .changeLog: .actionChangeLog
        case .changeDocument: .actionChangeDocument
        case .blackoutCreate: .actionBlackoutCreate
        case .blackoutDelete: .actionBlackoutDelete
        case .ciMaintenance: .actionCIMaintenance
        case .problemCreate: .actionProblemCreate
        case .problemLink: .actionProblemLink
        case .problemUpdate: .actionProblemUpdate
        case .problemClose: .actionProblemClose
        case .recurrenceUpdate: .actionRecurrenceUpdate
        case .changeFollowUp: .actionChangeFollowUp
        case .changeTemplate: .actionChangeTemplate
        case .releaseCreate: .actionReleaseCreate
        case .releaseDeploy: .actionReleaseDeploy
        case .releaseRollback: .actionReleaseRollback
        case .ciState: .actionCIState
        case .alertAcknowledge: .actionAlertAcknowledge
        case .alertMap: .actionAlertMap
        case .silenceCreate: .actionSilenceCreate
        case .silenceEnd: .actionSilenceEnd
        case .probeUpdate: .actionProbeUpdate
        case .ruleUpdate: .actionRuleUpdate
        case .rosterSave: .actionRosterSave
        case .rosterGenerate: .actionRosterGenerate
        case .shiftSave: .actionShiftSave
        case .shiftDelete: .actionShiftDelete
        case .swapRequest: .actionSwapRequest
        case .swapDecide: .actionSwapDecide
        case .feedCreate: .actionFeedCreate
        }
    }

    /// The label of a stored action, or the stored text itself for kinds this version does not know.
    public static func label(of stored: String, in language: AppLanguage) -> String {
        AuditAction(rawValue: stored).map { Catalog.shared.text($0.label, language) } ?? stored
    }
}
