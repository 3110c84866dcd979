#include <functional>

#include "mapping/rows.hpp"

namespace trackport {

void UniqueIds::apply(Item& item) {
  ++position_;
  if (!insert(item.id)) item.id += "#" + std::to_string(position_);
}

bool UniqueIds::insert(std::string_view id) {
  if ((used_ + 1) * 4 > slots_.size() * 3) grow();
  const std::size_t hash = std::hash<std::string_view>{}(id);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    Slot& slot = slots_[at];
    if (slot.length == kFree) {
      slot = {hash, seen_.size(), id.size()};
      seen_ += id;
      ++used_;
      return true;
    }
    if (slot.hash == hash && std::string_view(seen_).substr(slot.offset, slot.length) == id) {
      return false;
    }
  }
}

void UniqueIds::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(1024, old.size() * 2), Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.length == kFree) continue;
    std::size_t at = slot.hash & mask;
    while (slots_[at].length != kFree) at = (at + 1) & mask;
    slots_[at] = slot;
  }
}

}  // namespace trackport
