import Foundation
import ZoneOpsDomain

/// What a report carries, from any channel. `Incidents.create` checks every field at once.
public struct NewIncident: Sendable {
    /// A fault (故障) or a question (咨询).
    public enum Kind: String, Sendable, CaseIterable { case fault, question }

    public var title: String
    public var description: String
    public var kind: Kind
    public var impact: Int
    public var urgency: Int
    public var channel: IncidentChannel
    /// CI ids or asset tags.
    public var cis: [String]
    public var categoryKey: String?
    public var businessSystem: String?
    /// The person who reported it; nil for a caller without an account.
    public var requesterId: UUID?
    public var requesterName: String
    public var requesterPhone: String?
    public var organizationId: UUID?
    /// A hotline incident logged while talking to the caller is responded at creation.
    public var respondedAtCreation: Bool

    public init(title: String, description: String, kind: Kind = .fault, impact: Int = 3, urgency: Int = 3,
                channel: IncidentChannel, cis: [String] = [], categoryKey: String? = nil, businessSystem: String? = nil,
                requesterId: UUID? = nil, requesterName: String, requesterPhone: String? = nil, organizationId: UUID? = nil,
                respondedAtCreation: Bool = false) {
        self.title = title
        self.description = description
        self.kind = kind
        self.impact = impact
        self.urgency = urgency
        self.channel = channel
        self.cis = cis
        self.categoryKey = categoryKey
        self.businessSystem = businessSystem
        self.requesterId = requesterId
        self.requesterName = requesterName
        self.requesterPhone = requesterPhone
        self.organizationId = organizationId
        self.respondedAtCreation = respondedAtCreation
    }

    /// The four business systems of the contract (§二), offered by name on the portal.
    public static let businessSystems = ["企业物流服务平台", "传输平台", "海关端系统", "企业申报系统"]

    /// Trimmed fields, or every problem at once.
    func validated() throws -> NewIncident {
        var copy = self
        copy.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        copy.description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        copy.requesterName = requesterName.trimmingCharacters(in: .whitespacesAndNewlines)
        copy.requesterPhone = requesterPhone?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        copy.categoryKey = categoryKey?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        copy.businessSystem = businessSystem?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        copy.cis = cis.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var problems: [FieldProblem] = []
        if copy.title.isEmpty { problems.append(FieldProblem(field: "title", text: .incidentTitleRequired)) }
        if copy.title.count > 200 { problems.append(FieldProblem(field: "title", text: .incidentTitleTooLong)) }
        if copy.description.count > 5000 { problems.append(FieldProblem(field: "description", text: .incidentDescriptionTooLong)) }
        if !PriorityMatrix.levels.contains(impact) { problems.append(FieldProblem(field: "impact", text: .incidentLevelRange)) }
        if !PriorityMatrix.levels.contains(urgency) { problems.append(FieldProblem(field: "urgency", text: .incidentLevelRange)) }
        if copy.requesterName.isEmpty || copy.requesterName.count > 60 {
            problems.append(FieldProblem(field: "requesterName", text: .incidentRequesterRequired))
        }
        if let phone = copy.requesterPhone, phone.count > 40 { problems.append(FieldProblem(field: "requesterPhone", text: .settingsHotlineInvalid)) }
        if copy.cis.count > 20 { problems.append(FieldProblem(field: "ciId", text: .incidentTooManyCIs)) }
        if let system = copy.businessSystem, !Self.businessSystems.contains(system) {
            problems.append(FieldProblem(field: "businessSystem", text: .attrNotAChoice))
        }
        guard problems.isEmpty else { throw AppError.invalidFields(problems) }
        return copy
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
