import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// Movements of stock as a list: for one part (its page) or one CI (its repair record).
enum SpareHistoryList {
    /// `showPart`: name the part (a CI's list); else name the CI (a part's list).
    static func node(_ movements: [SpareParts.Movement], showPart: Bool, _ view: ViewContext) -> Node<HTML.BodyContext> {
        guard !movements.isEmpty else { return .p(.class("muted"), .text(view.t(.spareNoMovements))) }
        return .ul(.class("activity"), .group(movements.map { move in
            let what = (move.kind.map { view.t($0.label) } ?? "") + " " + (move.delta > 0 ? "+" : "") + "\(move.delta) \(move.unit)"
            let subject: Node<HTML.BodyContext> = showPart
                ? .link(SiteURL.sparePart(move.partId.uuidString).path, move.partName)
                : .unwrap(move.ciId) { id in .link(SiteURL.ci(id.uuidString).path, move.ciName ?? id.uuidString) }
            return .li(.span(.class("time"), .text(Format.time(move.at))), .text(" " + what + " · "), subject,
                       .text(" · " + move.place + " · " + move.actorName),
                       .unwrap(move.note) { .span(.class("muted"), .text(" · " + $0)) })
        }))
    }
}
