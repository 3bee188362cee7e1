/// A range of candidate starts `lo...hi` for one rule, from one or more prefilter hits.
struct Window {
    var lo: Int
    var hi: Int
}

/// One rule's pending windows: disjoint and in order (overlapping hits are merged), in plain
/// memory owned by the masker, so adding and taking windows costs no reference counting and no
/// copy-on-write checks. Windows before `head` are done.
struct WindowQueue {
    private(set) var items: UnsafeMutablePointer<Window>
    private(set) var capacity: Int
    private(set) var head = 0
    private(set) var count = 0   // one past the last live window

    init() {
        capacity = 16
        items = .allocate(capacity: capacity)
    }

    /// Frees the storage; the queue must not be used afterwards.
    func free() { items.deallocate() }

    var isEmpty: Bool { head == count }

    /// The first live window (the queue must not be empty).
    var front: Window { items[head] }

    mutating func add(lo: Int, hi: Int) {
        if head < count, lo <= items[count - 1].hi + 1 {
            items[count - 1].lo = min(items[count - 1].lo, lo)
            items[count - 1].hi = max(items[count - 1].hi, hi)
            // A walk-back that reaches further than earlier windows swallows them too.
            while count - 1 > head, items[count - 2].hi + 1 >= items[count - 1].lo {
                let last = items[count - 1]
                count -= 1
                items[count - 1].lo = min(items[count - 1].lo, last.lo)
                items[count - 1].hi = max(items[count - 1].hi, last.hi)
            }
            return
        }
        if count == capacity {
            if head > 0 {
                (items).update(from: items + head, count: count - head)
                count -= head
                head = 0
            } else {
                let bigger = UnsafeMutablePointer<Window>.allocate(capacity: capacity * 2)
                bigger.moveInitialize(from: items, count: count)
                items.deallocate()
                items = bigger
                capacity *= 2
            }
        }
        items[count] = Window(lo: lo, hi: hi)
        count += 1
    }

    /// Drops windows that end before `from` and trims the front one to start there (so a
    /// long merged window does not pin the carry); returns the first start at or after `from`.
    mutating func first(from: Int) -> Int? {
        while head < count, items[head].hi < from { head += 1 }
        if head == count {
            head = 0
            count = 0
            return nil
        }
        if items[head].lo < from { items[head].lo = from }
        return items[head].lo
    }
}
