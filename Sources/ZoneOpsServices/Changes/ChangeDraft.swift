import Foundation
import ZoneOpsDomain

/// What a change request carries, when it is raised or revised. `validated` checks every
/// field at once, so a form shows all its problems together.
public struct ChangeDraft: Sendable {
    public var title: String
    public var type: ChangeType
    public var description: String
    /// CI ids or asset tags.
    public var cis: [String]
    public var plannedStart: Date?
    public var plannedEnd: Date?
    public var plan: String
    public var rollbackPlan: String
    public var risk: String
    public var testEvidence: String
    public var emergencyReason: String?
    public var templateKey: String?

    public init(title: String, type: ChangeType, description: String = "", cis: [String], plannedStart: Date?, plannedEnd: Date?,
                plan: String = "", rollbackPlan: String = "", risk: String = "", testEvidence: String = "",
                emergencyReason: String? = nil, templateKey: String? = nil) {
        self.title = title
        self.type = type
        self.description = description
        self.cis = cis
        self.plannedStart = plannedStart
        self.plannedEnd = plannedEnd
        self.plan = plan
        self.rollbackPlan = rollbackPlan
        self.risk = risk
        self.testEvidence = testEvidence
        self.emergencyReason = emergencyReason
        self.templateKey = templateKey
    }

    public static let maxCIs = 50
    public static let maxText = 8000
    /// The longest window one change may book.
    public static let maxWindowDays = 14
    /// How far in the past a window may start when it is raised (a form typed a minute ago).
    public static let pastTolerance: TimeInterval = 15 * 60

    func validated(now: Date) throws -> ChangeDraft {
        var copy = self
        func clean(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
        copy.title = clean(title)
        copy.description = clean(description)
        copy.plan = clean(plan)
        copy.rollbackPlan = clean(rollbackPlan)
        copy.risk = clean(risk)
        copy.testEvidence = clean(testEvidence)
        copy.emergencyReason = emergencyReason.map(clean)?.nilIfEmpty
        copy.templateKey = templateKey.map(clean)?.nilIfEmpty
        copy.cis = cis.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var problems: [FieldProblem] = []
        if copy.title.isEmpty { problems.append(FieldProblem(field: "title", text: .incidentTitleRequired)) }
        if copy.title.count > 200 { problems.append(FieldProblem(field: "title", text: .incidentTitleTooLong)) }
        for (field, text) in [("description", copy.description), ("plan", copy.plan), ("rollbackPlan", copy.rollbackPlan),
                              ("risk", copy.risk), ("testEvidence", copy.testEvidence)] where text.count > Self.maxText {
            problems.append(FieldProblem(field: field, text: .chgTextTooLong))
        }
        if copy.cis.isEmpty { problems.append(FieldProblem(field: "ciIds", text: .chgCIsRequired)) }
        if copy.cis.count > Self.maxCIs { problems.append(FieldProblem(field: "ciIds", text: .chgTooManyCIs)) }
        if copy.type == .emergency, (copy.emergencyReason?.count ?? 0) < 4 {
            problems.append(FieldProblem(field: "emergencyReason", text: .chgEmergencyReasonRequired))
        }
        if let reason = copy.emergencyReason, reason.count > 2000 {
            problems.append(FieldProblem(field: "emergencyReason", text: .chgTextTooLong))
        }
        switch (copy.plannedStart, copy.plannedEnd) {
        case (nil, _): problems.append(FieldProblem(field: "plannedStart", text: .chgWindowRequired))
        case (_, nil): problems.append(FieldProblem(field: "plannedEnd", text: .chgWindowRequired))
        case (let start?, let end?):
            if end <= start {
                problems.append(FieldProblem(field: "plannedEnd", text: .chgEndBeforeStart))
            } else if end.timeIntervalSince(start) > Double(Self.maxWindowDays) * 86_400 {
                problems.append(FieldProblem(field: "plannedEnd", text: .chgWindowTooLong))
            }
            if start < now.addingTimeInterval(-Self.pastTolerance) {
                problems.append(FieldProblem(field: "plannedStart", text: .chgWindowInPast))
            }
        }
        guard problems.isEmpty else { throw AppError.invalidFields(problems) }
        return copy
    }
}

/// What a step on a change carries besides its name.
public struct ChangeStep: Sendable {
    public var comment: String?
    public var result: ChangeResult?
    /// The maintenance document written in place.
    public var document: String?
    public var implementer: UUID?

    public init(comment: String? = nil, result: ChangeResult? = nil, document: String? = nil, implementer: UUID? = nil) {
        self.comment = comment
        self.result = result
        self.document = document
        self.implementer = implementer
    }
}
