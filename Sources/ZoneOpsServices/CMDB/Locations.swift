import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore

/// The location tree: creating places, resolving a place from an id or a path, and the
/// places below one (so a list filtered by a building shows what is in its rooms too).
public enum Locations {
    public static func create(name: String, kind: LocationKind, parentId: UUID?, code: String?, by actor: Actor,
                              in ctx: ServiceContext) async throws -> LocationModel {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else { throw AppError.invalid(field: "name", .invalidOrganizationName) }
        return try await ctx.audited(actor, action: AuditAction.locationCreate.rawValue, objectType: "location") { tx in
            if let parentId, try await LocationModel.find(parentId, on: tx) == nil {
                throw AppError.invalid(field: "parentId", .errorUnknownLocation)
            }
            let location = LocationModel(parentId: parentId, kind: kind, name: name, code: code)
            try await location.create(on: tx)
            return (location, location.id?.uuidString, nil, AuditDraft.snapshot(LocationSnapshot(name: name, kind: kind.rawValue,
                                                                                     parentId: parentId?.uuidString, code: code)))
        }
    }

    /// A location from its id, or from a path of names ("综保区/1号机房/A01") or a unique name.
    public static func resolve(_ text: String, on db: any Database) async throws -> UUID {
        if let id = UUID(uuidString: text) {
            guard try await LocationModel.find(id, on: db) != nil else {
                throw AppError.invalid(field: CIField.location.rawValue, .errorUnknownLocation)
            }
            return id
        }
        return try resolve(text, in: try await LocationModel.query(on: db).all())
    }

    /// The same, against locations already read.
    public static func resolve(_ text: String, in all: [LocationModel]) throws -> UUID {
        if let id = UUID(uuidString: text) {
            guard all.contains(where: { $0.id == id }) else { throw AppError.invalid(field: CIField.location.rawValue, .errorUnknownLocation) }
            return id
        }
        let paths = Dictionary(grouping: all) { path(of: $0, in: all) }
        let names = Dictionary(grouping: all, by: \.name)
        if let match = paths[text], match.count == 1, let id = match[0].id { return id }
        if let match = names[text], match.count == 1, let id = match[0].id { return id }
        throw AppError.invalid(field: CIField.location.rawValue, .errorUnknownLocation)
    }

    /// "Site/Building/Room" for a location.
    public static func path(of location: LocationModel, in all: [LocationModel]) -> String {
        let byId = Dictionary(uniqueKeysWithValues: all.compactMap { l in l.id.map { ($0, l) } })
        var names = [location.name]
        var cursor = location.$parent.id
        var guardCount = 0
        while let id = cursor, let parent = byId[id], guardCount < 32 {
            names.append(parent.name)
            cursor = parent.$parent.id
            guardCount += 1
        }
        return names.reversed().joined(separator: "/")
    }

    /// `id` and every location below it.
    public static func subtree(of id: UUID, on db: any Database) async throws -> [UUID] {
        let all = try await LocationModel.query(on: db).all()
        var children: [UUID: [UUID]] = [:]
        for location in all { if let parent = location.$parent.id, let own = location.id { children[parent, default: []].append(own) } }
        var result = [id], stack = [id]
        while let current = stack.popLast() {
            for child in children[current] ?? [] where !result.contains(child) {
                result.append(child)
                stack.append(child)
            }
        }
        return result
    }
}
