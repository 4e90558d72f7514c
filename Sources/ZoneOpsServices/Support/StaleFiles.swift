import Foundation

/// Files left in a working folder (import uploads waiting for their preview to be confirmed).
public enum StaleFiles {
    /// Removes the files in `folder` last changed before `cutoff`; answers how many went.
    @discardableResult
    public static func remove(in folder: URL, changedBefore cutoff: Date) -> Int {
        let fm = FileManager.default
        var removed = 0
        for file in (try? fm.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey])) ?? [] {
            let modified = (try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
            if modified < cutoff, (try? fm.removeItem(at: file)) != nil { removed += 1 }
        }
        return removed
    }
}
