/// The person (or their API token) asking to do something.
public struct Subject: Sendable, Equatable {
    public var userId: String
    public var role: Role
    public var organizationId: String?

    public init(userId: String, role: Role, organizationId: String?) {
        self.userId = userId
        self.role = role
        self.organizationId = organizationId
    }
}

/// What the policy needs to know about the object acted on. Unknown facts stay nil.
public struct ObjectFacts: Sendable, Equatable {
    /// The organization the record belongs to (a ticket's requesting enterprise, say).
    public var organizationId: String?
    /// Who raised the record.
    public var createdBy: String?
    /// The user account acted on, for user management.
    public var userId: String?
    /// The service domain of a ticket (its top category key: `lane`, `video`, …).
    public var domain: String?

    public init(organizationId: String? = nil, createdBy: String? = nil, userId: String? = nil, domain: String? = nil) {
        self.organizationId = organizationId
        self.createdBy = createdBy
        self.userId = userId
        self.domain = domain
    }
}

/// The records of a list a subject may see (`Policy.scope`).
public enum ListScope: Sendable, Equatable {
    case all
    /// Only records of this organization; nil (a user without one) sees none.
    case organization(String?)
    /// Records in these domains, plus those the user raised (customs and incidents).
    case customs(userId: String, domains: [String])
}

public enum Decision: Sendable, Equatable {
    case allow
    case deny(TextKey)

    public var isAllowed: Bool { self == .allow }
}
