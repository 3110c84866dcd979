// Each file of a batch in a process of its own: a crash, a hang past the time limit, an
// exhausted memory cap or an error is that file's one line, and the files beside it convert.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/fork_server.hpp"

using namespace trackport;

namespace {

enum class Behaviour { converts, crashes, hangs, throws, eats_memory };

const std::vector<Behaviour> kBatch = {
    Behaviour::converts, Behaviour::crashes,     Behaviour::converts, Behaviour::hangs,
    Behaviour::throws,   Behaviour::eats_memory, Behaviour::converts};

std::vector<Document> behave(std::size_t index) {
  switch (kBatch.at(index)) {
    case Behaviour::crashes:
      // Killed by the signal, as in a release build (AddressSanitizer's own handler would turn
      // the crash into exit(1) after its report).
      ::signal(SIGSEGV, SIG_DFL);
      ::raise(SIGSEGV);
      break;
    case Behaviour::hangs:
      for (;;) ::pause();
    case Behaviour::throws:
      throw std::runtime_error("not a tracker");
    case Behaviour::eats_memory: {
#if defined(__SANITIZE_ADDRESS__)
      throw std::bad_alloc();  // no cap to reach under AddressSanitizer
#endif
      std::vector<std::unique_ptr<char[]>> hoard;  // untouched: the address space runs out fast
      for (;;) hoard.emplace_back(new char[std::size_t{64} << 20]);
    }
    case Behaviour::converts:
      break;
  }
  Document document;
  document.title = "plan " + std::to_string(index);
  Item item;
  item.id = "1";
  item.text = "Run a jobs fair";
  document.items.push_back(item);
  return {document};
}

}  // namespace

TEST_CASE("a crash, a hang, an error or a memory cap ends one file only") {
  ForkServer server(behave, ProcessLimits{1.0, std::size_t{1} << 30}, kBatch.size());
  std::vector<FileOutcome> outcomes(kBatch.size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < kBatch.size(); ++i)
      threads.emplace_back([&, i] { outcomes[i] = server.convert(i, "f" + std::to_string(i)); });
  }
  for (std::size_t i : {0u, 2u, 6u}) {
    INFO("file " << i);
    CHECK(outcomes[i].error.empty());
    REQUIRE(outcomes[i].documents.size() == 1);
    CHECK(outcomes[i].documents[0].title == "plan " + std::to_string(i));
    REQUIRE(outcomes[i].documents[0].items.size() == 1);
    CHECK(outcomes[i].documents[0].items[0].text == "Run a jobs fair");
  }
  CHECK(outcomes[1].error.starts_with("the conversion crashed (signal 11"));
  CHECK(outcomes[3].error == "gave up after 1 s (--timeout)");
  CHECK(outcomes[4].error == "not a tracker");
#if !defined(__SANITIZE_ADDRESS__)  // no address-space cap under AddressSanitizer
  CHECK(outcomes[5].error == "out of memory while reading the file (--memory-limit 1024 MB)");
#endif
  for (const auto& outcome : outcomes) CHECK(outcome.error.find('\n') == std::string::npos);
  CHECK(outcomes[3].path == "f3");
}

TEST_CASE("the server's processes are gone once it is") {
  pid_t child = 0;
  {
    ForkServer server([](std::size_t) { return std::vector<Document>{Document{}}; }, {}, 1);
    CHECK(server.convert(0, "a").ok());
    CHECK(server.convert(0, "b").documents.size() == 1);
  }
  // No child of this process is left to reap: the server waited for its own and exited.
  int status = 0;
  child = ::waitpid(-1, &status, WNOHANG);
  CHECK(child == -1);
}

TEST_CASE("more requests than workers wait in the server, and a crash's worker is replaced") {
  // Counters the workers share with this process (each is a fork of it).
  void* shared = ::mmap(nullptr, 2 * sizeof(std::atomic<int>), PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  REQUIRE(shared != MAP_FAILED);
  auto* running = new (shared) std::atomic<int>(0);
  auto* most = new (running + 1) std::atomic<int>(0);
  constexpr std::size_t kFiles = 12, kWorkers = 2, kCrashing = 5;
  ForkServer server(
      [&](std::size_t index) {
        if (index == kCrashing) {
          ::signal(SIGSEGV, SIG_DFL);
          ::raise(SIGSEGV);
        }
        const int now = ++*running;
        for (int seen = *most; now > seen && !most->compare_exchange_weak(seen, now);) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        --*running;
        Document document;
        document.title = "plan " + std::to_string(index);
        return std::vector<Document>{document};
      },
      {}, kWorkers);
  std::vector<FileOutcome> outcomes(kFiles);
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < kFiles; ++i)
      threads.emplace_back([&, i] { outcomes[i] = server.convert(i, "f" + std::to_string(i)); });
  }
  for (std::size_t i = 0; i < kFiles; ++i) {
    INFO("file " << i);
    if (i == kCrashing) {
      CHECK(outcomes[i].error.starts_with("the conversion crashed (signal 11"));
      continue;
    }
    CHECK(outcomes[i].error.empty());
    REQUIRE(outcomes[i].documents.size() == 1);
    CHECK(outcomes[i].documents[0].title == "plan " + std::to_string(i));
  }
  CHECK(most->load() == static_cast<int>(kWorkers));
  ::munmap(shared, 2 * sizeof(std::atomic<int>));
}

TEST_CASE("the memory limit is resident memory: a file past it is stopped, one under it is not") {
  constexpr std::size_t kMb = std::size_t{1} << 20;
  // Touches `megabytes` of memory a chunk at a time (resident, unlike a bare reservation).
  auto touch = [](std::size_t megabytes) {
    std::vector<std::unique_ptr<char[]>> held;
    for (std::size_t done = 0; done < megabytes; done += 16) {
      held.emplace_back(new char[16 * kMb]);
      std::memset(held.back().get(), 1, 16 * kMb);
    }
    return held.size();
  };
  ForkServer server(
      [&](std::size_t index) {
        Document document;
        document.title = std::to_string(touch(index == 0 ? 1200 : 120));
        return std::vector<Document>{document};
      },
      ProcessLimits{0, 400 * kMb}, 1);
  const FileOutcome big = server.convert(0, "big.xlsx");
  CHECK(big.error ==
        "stopped: converted on its own, it took more than --memory-limit 400 MB of memory");
  // Far under the limit in resident memory, though libraries reserve much more address space.
  const FileOutcome fits = server.convert(1, "fits.xlsx");
  CHECK(fits.error.empty());
  REQUIRE(fits.documents.size() == 1);
  CHECK(fits.documents[0].title == "8");
}

TEST_CASE("the memory limit is the whole pool's: files that fit alone but not together convert") {
  constexpr std::size_t kMb = std::size_t{1} << 20;
  // Holds `megabytes` of touched memory for a while, so that two such files overlap.
  auto hold = [](std::size_t megabytes) {
    std::vector<std::unique_ptr<char[]>> held;
    for (std::size_t done = 0; done < megabytes; done += 16) {
      held.emplace_back(new char[16 * kMb]);
      std::memset(held.back().get(), 1, 16 * kMb);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return held.size();
  };
  // Files 0-3 take 300 MB each: two at once pass the 500 MB budget, one alone does not.
  // File 4 takes 900 MB: past the budget even alone.
  ForkServer server(
      [&](std::size_t index) {
        Document document;
        document.title = std::to_string(hold(index == 4 ? 900 : 300));
        return std::vector<Document>{document};
      },
      ProcessLimits{0, 500 * kMb}, 2);
  std::vector<FileOutcome> outcomes(5);
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < 2; ++t) {
      threads.emplace_back([&, t] {
        for (std::size_t i = t; i < outcomes.size(); i += 2)
          outcomes[i] = server.convert(i, "plan" + std::to_string(i) + ".xlsx");
      });
    }
  }
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("file " << i);
    CHECK(outcomes[i].error.empty());
    REQUIRE(outcomes[i].documents.size() == 1);
    CHECK(outcomes[i].documents[0].title == "19");  // 300 MB in 16 MB pieces
  }
  CHECK(outcomes[4].error ==
        "stopped: converted on its own, it took more than --memory-limit 500 MB of memory");
}
