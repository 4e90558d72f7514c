/// The one place that answers "may this user do this action to this object".
/// The role × action matrix is `matrix`; docs/authorization.md prints it and a test
/// holds the two equal cell by cell. Object rules come after the matrix.
public enum Policy {
    /// Incident domains (top categories) customs follow: checkpoint lanes and video surveillance.
    public static let customsDomains = ["lane", "video"]

    /// Which roles may do each action at all.
    public static let matrix: [Action: Set<Role>] = [
        .viewDashboard: Set(Role.allCases),
        .createToken: Set(Role.allCases),
        .manageUsers: [.admin],
        .manageOrganizations: [.admin],
        .readOrganizations: Set(Role.allCases),
        .readAudit: [.admin, .lead, .supervisor],
        .configureSystem: [.admin],
        .reportIncident: Set(Role.allCases),
        .readIncidents: Set(Role.allCases),
        .workIncidents: [.lead, .engineer, .duty],
        .declareMajorIncident: [.lead, .duty, .supervisor],
        .readInternalNotes: [.admin, .lead, .engineer, .duty, .supervisor],
        .logCalls: [.lead, .engineer, .duty],
        .urgeIncident: [.lead, .supervisor, .customs, .enterprise, .duty],
        .readProblems: [.admin, .lead, .engineer, .duty, .supervisor],
        .manageProblems: [.lead, .engineer],
        .readChanges: [.admin, .lead, .engineer, .duty, .supervisor, .customs],
        .raiseChange: [.lead, .engineer],
        .approveChange: [.lead, .supervisor],
        .declareBlackout: [.admin, .supervisor],
        .readCMDB: [.admin, .lead, .engineer, .duty, .supervisor, .customs],
        .editCMDB: [.admin, .lead, .engineer],
        .readMonitoring: [.admin, .lead, .engineer, .duty, .supervisor, .customs],
        .sendEvents: [.admin, .lead, .engineer],
        .workAlerts: [.lead, .engineer, .duty],
        .configureMonitoring: [.admin, .lead],
        .readDuty: [.admin, .lead, .engineer, .duty, .supervisor],
        .manageRoster: [.lead],
        .performInspection: [.lead, .engineer],
        .readReports: [.admin, .lead, .supervisor, .customs],
        .scoreAssessment: [.supervisor],
    ]

    /// Whether the role may do the action on some object (the matrix alone).
    public static func allows(_ role: Role, _ action: Action) -> Bool {
        matrix[action]?.contains(role) ?? false
    }

    /// Which records of a list the subject may see, for list queries to apply: nil when the role
    /// may not read the list at all. Lists never decide this themselves, so none can forget it.
    public static func scope(_ subject: Subject, _ action: Action) -> ListScope? {
        guard allows(subject.role, action) else { return nil }
        // Enterprise users see only their own organization's records, in every list.
        if subject.role == .enterprise { return .organization(subject.organizationId) }
        // Customs follow incidents on checkpoint lanes and video, plus those they raised.
        if subject.role == .customs, action == .readIncidents { return .customs(userId: subject.userId, domains: customsDomains) }
        return .all
    }

    /// Whether the subject stands for the ticket's requester: they raised it, or (an enterprise
    /// user) it belongs to their organization. Requesters confirm, reopen, rate and reply.
    public static func isRequester(_ subject: Subject, of object: ObjectFacts) -> Bool {
        if object.createdBy == subject.userId { return true }
        return subject.role == .enterprise && object.organizationId != nil && object.organizationId == subject.organizationId
    }

    public static func decide(_ subject: Subject, _ action: Action, on object: ObjectFacts? = nil) -> Decision {
        guard allows(subject.role, action) else { return .deny(.denyRole) }
        guard let object else { return .allow }
        // Enterprise users see and touch only their own organization's records.
        if subject.role == .enterprise, let owner = object.organizationId, owner != subject.organizationId {
            return .deny(.denyOtherOrganization)
        }
        if subject.role == .customs, action == .readIncidents || action == .urgeIncident,
           object.createdBy != subject.userId, !(object.domain.map(customsDomains.contains) ?? false) {
            return .deny(.denyOutsideCustomsDomains)
        }
        // Separation of duties: nobody approves a change they raised.
        if action == .approveChange, object.createdBy == subject.userId {
            return .deny(.denyOwnChange)
        }
        // An admin cannot lock themselves out by editing their own role or access.
        if action == .manageUsers, object.userId == subject.userId {
            return .deny(.denySelfManagement)
        }
        return .allow
    }
}
