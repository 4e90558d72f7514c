import FluentKit
import Foundation

/// A day that differs from the weekly rule: a public holiday or a make-up working day (调休).
/// `effectiveFrom` says when the entry started to count, so a corrected calendar recomputes
/// open incidents while closed ones keep the outcome they had.
public final class CalendarDayModel: Model, @unchecked Sendable {
    public static let schema = "calendar_days"

    @ID(key: .id) public var id: UUID?
    @Field(key: "day") public var day: String
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    @Field(key: "effective_from") public var effectiveFrom: Date

    public init() {}

    public init(day: String, kind: String, name: String, effectiveFrom: Date) {
        self.day = day
        self.kind = kind
        self.name = name
        self.effectiveFrom = effectiveFrom
    }
}

/// Response and resolution targets of one priority and the calendar that runs them.
public final class SLATargetModel: Model, @unchecked Sendable {
    public static let schema = "sla_targets"

    @ID(key: .id) public var id: UUID?
    @Field(key: "priority") public var priority: Int
    @Field(key: "response_seconds") public var responseSeconds: Int
    @Field(key: "resolve_seconds") public var resolveSeconds: Int
    @Field(key: "calendar") public var calendar: String

    public init() {}

    public init(priority: Int, responseSeconds: Int, resolveSeconds: Int, calendar: String) {
        self.priority = priority
        self.responseSeconds = responseSeconds
        self.resolveSeconds = resolveSeconds
        self.calendar = calendar
    }
}
