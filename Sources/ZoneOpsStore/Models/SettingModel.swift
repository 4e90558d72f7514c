import FluentKit
import Foundation

/// One instance-wide setting an admin changes in the browser (the service-desk hotline, …).
public final class SettingModel: Model, @unchecked Sendable {
    public static let schema = "settings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    @Field(key: "value") public var value: String

    public init() {}

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
