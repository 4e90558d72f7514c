import FluentKit
import Foundation

/// A roster (值班表): one duty (the desk, the hotline, lane duty), when it must be staffed and
/// who rotates through it. Its shifts are rows of `duty_shifts`, made by the rotation and
/// changed by hand, by swaps and by covers.
public final class RosterModel: Model, @unchecked Sendable {
    public static let schema = "duty_rosters"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    /// `DutyKind`.
    @Field(key: "kind") public var kind: String
    @Field(key: "shift_hours") public var shiftHours: Int
    @Field(key: "handoff_minute") public var handoffMinute: Int
    /// First and last day (yyyy-MM-dd); the last is open for a standing roster.
    @Field(key: "starts_on") public var startsOn: String
    @OptionalField(key: "ends_on") public var endsOn: String?
    /// User ids in rotation order, as a JSON array.
    @Field(key: "participants") public var participants: String
    @Field(key: "staffing") public var staffing: Int
    @Field(key: "rotate_every") public var rotateEvery: Int
    @Field(key: "active") public var active: Bool
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}

/// One person on duty for one stretch of time.
public final class DutyShiftModel: Model, @unchecked Sendable {
    public static let schema = "duty_shifts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "roster_id") public var rosterId: UUID
    @Field(key: "user_id") public var userId: UUID
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    /// `ShiftOrigin`.
    @Field(key: "origin") public var origin: String
    @Field(key: "note") public var note: String
    /// Set when something about the shift needs a lead's look (it was edited after a swap).
    @OptionalField(key: "flag") public var flag: String?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    public init(rosterId: UUID, userId: UUID, start: Date, end: Date, origin: String, note: String = "", at now: Date) {
        self.rosterId = rosterId
        self.userId = userId
        startsAt = start
        endsAt = end
        self.origin = origin
        self.note = note
        createdAt = now
        updatedAt = now
    }
}

/// A request to swap two shifts or to have one covered, and what a lead decided.
public final class DutySwapModel: Model, @unchecked Sendable {
    public static let schema = "duty_swaps"

    @ID(key: .id) public var id: UUID?
    /// `SwapKind`.
    @Field(key: "kind") public var kind: String
    @Field(key: "shift_id") public var shiftId: UUID
    /// The other person's shift, for a swap.
    @OptionalField(key: "other_shift_id") public var otherShiftId: UUID?
    /// Who held the shift when asked, and who takes it.
    @Field(key: "from_user_id") public var fromUserId: UUID
    @Field(key: "to_user_id") public var toUserId: UUID
    @Field(key: "requested_by") public var requestedBy: UUID
    @Field(key: "reason") public var reason: String
    /// `SwapStatus`.
    @Field(key: "status") public var status: String
    @OptionalField(key: "decided_by_name") public var decidedByName: String?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A person's calendar feed: the SHA-256 of the secret in its address (the address itself is
/// shown once and never stored).
public final class DutyFeedModel: Model, @unchecked Sendable {
    public static let schema = "duty_feeds"

    @ID(key: .id) public var id: UUID?
    @Field(key: "user_id") public var userId: UUID
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
