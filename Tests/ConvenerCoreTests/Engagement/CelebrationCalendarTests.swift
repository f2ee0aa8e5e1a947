import Foundation
import Testing

@testable import ConvenerCore

/// Celebrations: local mornings across zones, exactly-once ticks, leap years, DST, lateness, opt-out.
struct CelebrationCalendarTests {
    private typealias Support = EngagementTestSupport
    private let berlin = Support.zone("Europe/Berlin")

    /// Runs a tick loop from `start` to `end` with seeded random gaps and returns everything found.
    func tickThrough(
        _ calendar: CelebrationCalendar,
        from start: Date,
        to end: Date,
        seed: UInt64,
        maxGapMinutes: Int = 180
    ) -> [Celebration] {
        var generator = EngagementSeededGenerator(seed: seed)
        var found: [Celebration] = []
        var last = start
        while last < end {
            let next = min(
                end, last.addingTimeInterval(Double(Int.random(in: 1...maxGapMinutes, using: &generator)) * 60))
            found += calendar.due(after: last, through: next, communityTimeZone: berlin)
            last = next
        }
        return found
    }

    /// A birthday that is known to be valid.
    func birthday(_ month: Int, _ day: Int) throws -> CelebrationBirthday {
        try CelebrationBirthday(month: month, day: day)
    }

    /// Birthdays are announced at 09:00 in each member's own zone.
    @Test func birthdaysAreAnnouncedAtNineInEachMembersZone() throws {
        var calendar = CelebrationCalendar()
        let tokyo = Support.member("tokyo")
        let newYork = Support.member("newyork")
        let local = Support.member("local")
        for member in [tokyo, newYork, local] {
            calendar.join(member, at: Support.instant(2026, 6, 1, 12, 0, zone: "UTC"))
            calendar.setBirthday(try birthday(11, 24), for: member)
        }
        calendar.setTimeZone("Asia/Tokyo", for: tokyo)
        calendar.setTimeZone("America/New_York", for: newYork)
        let found = tickThrough(
            calendar,
            from: Support.instant(2026, 11, 20, 0, 0, zone: "UTC"),
            to: Support.instant(2026, 11, 28, 0, 0, zone: "UTC"),
            seed: 11
        )
        #expect(found.map(\.member) == [tokyo, local, newYork])
        #expect(
            found.map(\.at) == [
                Support.instant(2026, 11, 24, 0, 0, zone: "UTC"),
                Support.instant(2026, 11, 24, 8, 0, zone: "UTC"),
                Support.instant(2026, 11, 24, 14, 0, zone: "UTC"),
            ])
        #expect(found.allSatisfy { $0.kind == .birthday && $0.date == CelebrationDate(year: 2026, month: 11, day: 24) })
        #expect(found[0].message() == "🎂 Happy birthday, @tokyo! Wishing you a wonderful day from everyone here.")
    }

    /// Every celebration is found exactly once over two years.
    @Test(arguments: [21, 22, 23] as [UInt64])
    func everyCelebrationIsFoundExactlyOnceOverTwoYears(seed: UInt64) throws {
        var calendar = CelebrationCalendar()
        let zones = ["Pacific/Auckland", "Asia/Kolkata", "Europe/London", "America/Los_Angeles", "Pacific/Honolulu"]
        var generator = EngagementSeededGenerator(seed: seed)
        for (index, zone) in zones.enumerated() {
            let member = Support.member("m\(index)")
            let joined = Support.at(day: Double.random(in: -700 ..< -10, using: &generator))
            calendar.join(member, at: joined)
            calendar.setTimeZone(zone, for: member)
            calendar.setBirthday(
                try birthday(Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator)),
                for: member
            )
        }
        let found = tickThrough(calendar, from: Support.at(day: 0), to: Support.at(day: 730), seed: seed)
        // Two years of ticks: two birthdays and two anniversaries per member, no duplicates.
        #expect(found.count == zones.count * 4)
        #expect(Set(found.map(\.key)).count == found.count)
        for celebration in found {
            let zone = try #require(calendar.profiles[celebration.member]?.timeZone(fallback: berlin))
            #expect(CelebrationDate(celebration.at, in: zone) == celebration.date)
            let parts = CelebrationDate.calendar(zone).dateComponents([.hour, .minute], from: celebration.at)
            #expect(parts.hour == 9 && parts.minute == 0)
        }
    }

    /// February 29 is celebrated on February 28 in other years.
    @Test func february29IsCelebratedOnFebruary28InOtherYears() throws {
        var calendar = CelebrationCalendar()
        let leapling = Support.member("leapling")
        calendar.join(leapling, at: Support.instant(2024, 2, 29, 15, 0, zone: "Europe/Berlin"))
        calendar.setBirthday(try birthday(2, 29), for: leapling)
        let found = tickThrough(
            calendar,
            from: Support.instant(2025, 1, 1, 0, 0, zone: "UTC"),
            to: Support.instant(2029, 1, 1, 0, 0, zone: "UTC"),
            seed: 5,
            maxGapMinutes: 600
        )
        let dates = found.map { "\($0.date) \($0.kind)" }
        #expect(
            dates == [
                "2025-02-28 anniversary(years: 1)", "2025-02-28 birthday",
                "2026-02-28 anniversary(years: 2)", "2026-02-28 birthday",
                "2027-02-28 anniversary(years: 3)", "2027-02-28 birthday",
                "2028-02-29 anniversary(years: 4)", "2028-02-29 birthday",
            ])
    }

    /// The morning follows daylight saving time.
    @Test func theMorningFollowsDaylightSavingTime() throws {
        var calendar = CelebrationCalendar()
        let spring = Support.member("spring")
        let autumn = Support.member("autumn")
        calendar.join(spring, at: Support.at(day: -400))
        calendar.join(autumn, at: Support.at(day: -400))
        calendar.setTimeZone("America/New_York", for: spring)
        calendar.setTimeZone("Europe/London", for: autumn)
        // 8 March 2026: New York springs forward at 02:00; 25 October 2026: London falls back at 02:00.
        calendar.setBirthday(try birthday(3, 8), for: spring)
        calendar.setBirthday(try birthday(10, 25), for: autumn)
        let found = tickThrough(calendar, from: Support.at(day: 0), to: Support.at(day: 365), seed: 9)
            .filter { $0.kind == .birthday }
        #expect(
            found.map(\.at) == [
                Support.instant(2026, 3, 8, 13, 0, zone: "UTC"),
                Support.instant(2026, 10, 25, 9, 0, zone: "UTC"),
            ])
    }

    /// Anniversaries count years in the member's zone.
    @Test func anniversariesCountYearsInTheMembersZone() throws {
        var calendar = CelebrationCalendar()
        let member = Support.member("kiwi")
        // 23:30 UTC on 1 March 2024 is already 2 March in Auckland.
        calendar.join(member, at: Support.instant(2024, 3, 1, 23, 30, zone: "UTC"))
        calendar.setTimeZone("Pacific/Auckland", for: member)
        let found = tickThrough(calendar, from: Support.at(day: 0), to: Support.at(day: 365), seed: 3)
        #expect(found.map(\.kind) == [.anniversary(years: 2)])
        #expect(found.map(\.date) == [CelebrationDate(year: 2026, month: 3, day: 2)])
        #expect(found[0].message().contains("@kiwi joined us 2 years ago today"))
        let firstYear = Celebration(member: member, kind: .anniversary(years: 1), date: found[0].date, at: found[0].at)
        #expect(firstYear.message().contains("joined us a year ago today"))
    }

    /// After downtime only recent celebrations are still announced.
    @Test func afterDowntimeOnlyRecentCelebrationsAreStillAnnounced() throws {
        var calendar = CelebrationCalendar()
        let member = Support.member("late")
        calendar.join(member, at: Support.at(day: -10))
        calendar.setBirthday(try birthday(11, 24), for: member)
        let morning = Support.instant(2026, 11, 24, 9, 0, zone: "Europe/Berlin")
        let before = morning.addingTimeInterval(-86_400)
        #expect(
            calendar.due(after: before, through: morning.addingTimeInterval(11 * 3_600), communityTimeZone: berlin)
                .count == 1)
        #expect(
            calendar.due(after: before, through: morning.addingTimeInterval(13 * 3_600), communityTimeZone: berlin)
                .isEmpty)
        let patient = CelebrationPolicy(maxLatenessHours: 48)
        #expect(
            calendar.due(
                after: before, through: morning.addingTimeInterval(13 * 3_600), communityTimeZone: berlin,
                policy: patient
            ).count == 1
        )
    }

    /// Opting out and policy switches silence celebrations.
    @Test func optingOutAndPolicySwitchesSilenceCelebrations() throws {
        var calendar = CelebrationCalendar()
        let member = Support.member("quiet")
        calendar.join(member, at: Support.instant(2025, 11, 24, 12, 0, zone: "UTC"))
        calendar.setBirthday(try birthday(11, 24), for: member)
        // Within the default 12 hours of lateness of a 09:00 (Berlin) morning.
        let after = Support.instant(2026, 11, 24, 0, 0, zone: "UTC")
        let through = Support.instant(2026, 11, 24, 16, 0, zone: "UTC")
        #expect(calendar.due(after: after, through: through, communityTimeZone: berlin).count == 2)
        let noBirthdays = CelebrationPolicy(birthdays: false)
        #expect(
            calendar.due(after: after, through: through, communityTimeZone: berlin, policy: noBirthdays).map(\.kind)
                == [.anniversary(years: 1)]
        )
        calendar.setBirthday(nil, for: member)
        #expect(
            calendar.due(after: after, through: through, communityTimeZone: berlin).map(\.kind) == [
                .anniversary(years: 1)
            ])
        let tenThirty = CelebrationPolicy(hour: 10, minute: 30)
        #expect(
            calendar.due(after: after, through: through, communityTimeZone: berlin, policy: tenThirty).map(\.at)
                == [Support.instant(2026, 11, 24, 10, 30, zone: "Europe/Berlin")]
        )
        calendar.remove(member)
        #expect(calendar.due(after: after, through: through, communityTimeZone: berlin).isEmpty)
    }

    /// An unknown time zone falls back to the community's.
    @Test func anUnknownTimeZoneFallsBackToTheCommunitys() throws {
        var calendar = CelebrationCalendar()
        let member = Support.member("typo")
        calendar.join(member, at: Support.at(day: -10))
        calendar.setTimeZone("Mars/Olympus_Mons", for: member)
        calendar.setBirthday(try birthday(11, 24), for: member)
        let found = calendar.due(
            after: Support.instant(2026, 11, 24, 0, 0, zone: "UTC"),
            through: Support.instant(2026, 11, 24, 16, 0, zone: "UTC"),
            communityTimeZone: berlin
        )
        #expect(found.map(\.at) == [Support.instant(2026, 11, 24, 9, 0, zone: "Europe/Berlin")])
    }

    /// Impossible birthdays are rejected.
    @Test(arguments: [(2, 30), (4, 31), (13, 1), (0, 10), (6, 0)])
    func impossibleBirthdaysAreRejected(month: Int, day: Int) {
        #expect(throws: CelebrationError.invalidBirthday(month: month, day: day)) {
            try CelebrationBirthday(month: month, day: day)
        }
        #expect(CelebrationError.invalidBirthday(month: month, day: day).description.contains("no year needed"))
    }

    /// Birthdays round trip and stored nonsense is rejected.
    @Test func birthdaysRoundTripAndStoredNonsenseIsRejected() throws {
        let leap = try birthday(2, 29)
        let data = try JSONEncoder().encode(leap)
        #expect(try JSONDecoder().decode(CelebrationBirthday.self, from: data) == leap)
        #expect(leap.observed(in: 2027) == (2, 28))
        #expect(leap.observed(in: 2000) == (2, 29))
        #expect(leap.observed(in: 2100) == (2, 28))
        #expect(throws: CelebrationError.self) {
            try JSONDecoder().decode(CelebrationBirthday.self, from: Data(#"{"month":2,"day":31}"#.utf8))
        }
    }
}
