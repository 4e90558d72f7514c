import Foundation

/// How a shift came to be: made by the rotation, added or edited by hand, or moved to someone
/// else by an approved swap or override. Regenerating a roster replaces only future rotation
/// shifts; the others are people's decisions and stay.
public enum ShiftOrigin: String, Codable, Sendable, CaseIterable {
    case rotation, manual, swap, override

    public var label: TextKey {
        switch self {
        case .rotation: .dutyOriginRotation
        case .manual: .dutyOriginManual
        case .swap: .dutyOriginSwap
        case .override: .dutyOriginOverride
        }
    }
}

/// A swap exchanges two people's shifts; an override gives one shift to someone else.
public enum SwapKind: String, Codable, Sendable, CaseIterable {
    case swap, override

    public var label: TextKey { self == .swap ? .dutySwapKindSwap : .dutySwapKindOverride }
}

public enum SwapStatus: String, Codable, Sendable, CaseIterable {
    case pending, approved, rejected, cancelled

    public var label: TextKey {
        switch self {
        case .pending: .dutySwapPending
        case .approved: .dutySwapApproved
        case .rejected: .dutySwapRejected
        case .cancelled: .dutySwapCancelled
        }
    }
}

public enum DutyShiftRules {
    /// The longest single shift (a lane day, a holiday hotline day).
    public static let maxHours = 24
    /// How far ahead shifts are made and edited (a year), and how far back they may be fixed.
    public static let aheadDays = 366
    public static let backDays = 31

    /// What is wrong with a shift's times, or nil.
    public static func problem(start: Date, end: Date, now: Date) -> TextKey? {
        guard end > start else { return .dutyEndBeforeStart }
        guard end.timeIntervalSince(start) <= TimeInterval(maxHours * 3600) else { return .dutyShiftTooLong }
        guard start >= now.addingTimeInterval(-TimeInterval(backDays) * 86_400),
              start <= now.addingTimeInterval(TimeInterval(aheadDays) * 86_400) else { return .dutyShiftOutOfRange }
        return nil
    }
}
