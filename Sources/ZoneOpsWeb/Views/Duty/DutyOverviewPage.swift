import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The duty home: who is on duty now per roster, my next shifts (with a way to ask for a swap),
/// the gaps of the next 7 days, swaps waiting, the rosters, and my calendar feed.
struct DutyOverviewPage {
    var userId: UUID
    var now: Date
    var onCall: [DutyQueries.OnCall]
    var mine: [DutyQueries.ShiftRow]
    var gaps: [DutyQueries.Gap]
    var swaps: [DutyQueries.SwapRow]
    var rosters: [DutyQueries.RosterRow]
    var staff: [DutyQueries.Person]
    /// Others' shifts of the next weeks, to swap with.
    var upcoming: [DutyQueries.ShiftRow]
    /// The feed address just made, shown this once.
    var feedURL: String?

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let manage = view.can(.manageRoster)
        let gapCount = gaps.reduce(0) { $0 + $1.intervals.count }
        return .group(
            .section(.class("card"),
                .div(.class("card-head"), .h1(.text(view.t(.dutyNow))),
                     .if(manage, .link(SiteURL.duty(.newRoster).path, "+ " + view.t(.dutyNewRoster), class: "button primary"))),
                .if(gapCount > 0, .div(.class("warning-box"), .attr("role", "alert"), .text(view.format(.dutyGapWarning, String(gapCount))))),
                .if(onCall.isEmpty, .p(.class("muted"), .text(view.t(.dutyRostersNone)))),
                .ul(.class("oncall"), .group(onCall.map { entry in
                    .li(.attr("data-roster", entry.roster.id.uuidString),
                        .link(SiteURL.duty(.roster(entry.roster.id.uuidString, week: nil)).path, entry.roster.name),
                        .span(.class("muted"), .text(" · " + view.t(entry.roster.kind.label))),
                        entry.people.isEmpty
                            ? .p(.span(.class("badge state-down"), .text(view.t(.dutyNobody))))
                            : .p(.group(entry.people.map { person in
                                .span(.class("oncall-person"), .strong(.text(person.userName)),
                                      .unwrap(person.mobile) { .group(.text(" "), .a(.href("tel:" + $0), .text($0))) },
                                      .span(.class("muted"), .text(" " + view.format(.dutyUntil, Format.time(person.end)))))
                            })),
                        .unwrap(entry.next) { next in
                            .p(.class("hint"), .text(view.format(.dutyNext, Format.time(next.start), next.userName)))
                        })
                }))),
            .section(.class("card"),
                .h2(.text(view.t(.dutyMine))),
                .if(mine.isEmpty, .p(.class("muted"), .text(view.t(.dutyMineNone)))),
                .ul(.class("shift-list"), .group(mine.map { shift in
                    .li(.text(Format.time(shift.start) + "–" + Format.time(shift.end) + " "),
                        .link(SiteURL.duty(.roster(shift.rosterId.uuidString, week: nil)).path, shift.rosterName),
                        RosterLabels.origin(shift, view),
                        RosterLabels.swapForm(shift, staff: staff, upcoming: upcoming, view))
                })),
                .h2(.text(view.t(.dutyFeed))),
                .p(.class("hint"), .text(view.t(.dutyFeedHint))),
                .unwrap(feedURL) { url in
                    .div(.class("token-once"), .p(.text(view.t(.dutyFeedMade))), .element(named: "code", nodes: [.attr("id", "feed-url"), .text(url)]))
                },
                Field.form(SiteURL.duty(.feed).path, csrf: view.csrf, Field.submit(view.t(.dutyFeedMake), style: "secondary"))),
            .section(.class("card"),
                .h2(.text(view.t(.dutyGaps))),
                .if(gaps.isEmpty, .p(.class("muted"), .text(view.t(.dutyGapsNone)))),
                .ul(.class("gap-list"), .group(gaps.map { gap in
                    .li(.link(SiteURL.duty(.roster(gap.roster.id.uuidString, week: nil)).path, gap.roster.name),
                        .ul(.group(gap.intervals.prefix(20).map { interval in
                            .li(.span(.class("badge state-degraded"), .text(view.t(.dutyNobody))),
                                .text(" " + Format.time(interval.start) + "–" + Format.time(interval.end)))
                        })))
                }))),
            .section(.class("card"),
                .h2(.text(view.t(.dutySwaps))),
                .if(swaps.isEmpty, .p(.class("muted"), .text(view.t(.dutySwapsNone)))),
                .ul(.class("swap-list"), .group(swaps.map { swap in
                    .li(.attr("data-swap", swap.id.uuidString),
                        .span(.class("badge"), .text(view.t(swap.kind.label))),
                        .text(" " + view.format(.dutySwapLine, swap.shift.rosterName, swap.fromName,
                                               Format.time(swap.shift.start) + "–" + Format.time(swap.shift.end), swap.toName)),
                        .unwrap(swap.otherShift) { other in
                            .span(.class("muted"), .text(" ⇄ " + Format.time(other.start) + "–" + Format.time(other.end)))
                        },
                        .unwrap(swap.reason.nilIfBlank) { .p(.class("hint"), .text(view.t(.dutyReason) + "：" + $0)) },
                        .if(manage, .div(.class("inline-actions"),
                            Field.form(SiteURL.duty(.swapDecision(swap.id.uuidString, "approve")).path, csrf: view.csrf,
                                       Field.submit(view.t(.dutyApprove))),
                            Field.form(SiteURL.duty(.swapDecision(swap.id.uuidString, "reject")).path, csrf: view.csrf,
                                       Field.submit(view.t(.dutyReject), style: "secondary")))))
                }))),
            .section(.class("card"),
                .h2(.text(view.t(.dutyRosters))),
                .if(rosters.isEmpty, .p(.class("muted"), .text(view.t(.dutyRostersNone)))),
                .ul(.group(rosters.map { roster in
                    .li(.link(SiteURL.duty(.roster(roster.id.uuidString, week: nil)).path, roster.name),
                        .span(.class("muted"), .text(" · " + view.t(roster.kind.label) + " · " + roster.participantNames.joined(separator: "、"))))
                }))))
    }
}

enum RosterLabels {
    static func origin(_ shift: DutyQueries.ShiftRow, _ view: ViewContext) -> Node<HTML.BodyContext> {
        let badge: Node<HTML.BodyContext> = .span(.class("badge"), .text(view.t(shift.origin.label)))
        guard shift.flagged else { return .group(.text(" "), badge) }
        let flag: Node<HTML.BodyContext> = .span(.class("badge state-degraded"), .attr("title", view.t(.dutySwapFlag)), .text(view.t(.dutyFlagged)))
        return .group(.text(" "), badge, .text(" "), flag)
    }

    /// Asking for a swap (their shift in return) or a cover of one's own shift that has not ended.
    static func swapForm(_ shift: DutyQueries.ShiftRow, staff: [DutyQueries.Person], upcoming: [DutyQueries.ShiftRow],
                         _ view: ViewContext) -> Node<HTML.BodyContext> {
        let people: [(value: String, label: String)] = staff.filter { $0.id != shift.userId }.map { person in
            (person.username, person.name + "（" + person.username + "）")
        }
        let theirs: [(value: String, label: String)] = upcoming.filter { $0.userId != shift.userId && $0.id != shift.id }.prefix(200).map { other in
            let when = Format.time(other.start) + "–" + Format.time(other.end)
            return (other.id.uuidString, other.userName + " " + when + " " + other.rosterName)
        }
        let form = Field.form(SiteURL.duty(.swaps).path, csrf: view.csrf,
            Field.hidden("shiftId", shift.id.uuidString),
            Field.select("to", label: view.t(.dutySwapWith), options: [("", "—")] + people, selected: nil),
            Field.select("otherShiftId", label: view.t(.dutyOtherShift), options: [("", "—")] + theirs, selected: nil),
            Field.text("reason", label: view.t(.dutyReason)),
            Field.submit(view.t(.dutyRequestSwap), style: "secondary"))
        return .element(named: "details", nodes: [.element(named: "summary", text: view.t(.dutyRequestSwap)), form])
    }

    /// Weekday names, Monday first.
    static let weekdays: [TextKey] = [.chgMon, .chgTue, .chgWed, .chgThu, .chgFri, .chgSat, .chgSun]

    static func clock(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }
}
