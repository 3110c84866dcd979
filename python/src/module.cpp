// trackport._trackport: the C++ library (include/trackport/trackport.hpp) for Python. Documents
// cross as their JSON form (the json output's, one source of truth), turned into dicts by the
// pure-Python package around this module (python/trackport/__init__.py). Long calls release the
// GIL and run on a thread of their own, so Ctrl-C (KeyboardInterrupt) and a CancelToken stop a
// batch between files.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trackport/trackport.hpp"

namespace py = pybind11;

namespace {

// Set from any Python thread; a batch checks it between files.
struct CancelToken {
  std::atomic<bool> flag{false};
};

// Runs `work` on a thread of its own with the GIL released, looking every 100 ms for a signal
// (Ctrl-C): then `cancel` is set, the work is waited for (the file under way finishes), and the
// signal's exception is raised.
template <typename Work>
auto run_interruptible(Work work, std::atomic<bool>& cancel) -> decltype(work()) {
  auto future = std::async(std::launch::async, std::move(work));
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    while (future.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) {
        interrupted = true;
        cancel = true;
        py::gil_scoped_release again;
        future.wait();
        break;
      }
    }
  }
  if (interrupted) {
    try {
      future.get();
    } catch (...) {  // the cancelled batch's own error: the signal's exception wins
    }
    throw py::error_already_set();
  }
  return future.get();
}

trackport::Options options_from(const py::object& mapping, const std::vector<std::string>& mappings,
                                const py::object& organisation, const py::object& period,
                                const py::object& password, const py::object& from_format) {
  trackport::Options options;
  if (!mapping.is_none()) options.mapping = py::str(mapping);
  for (const auto& folder : mappings) options.mapping_folders.emplace_back(folder);
  if (!organisation.is_none()) options.organisation = organisation.cast<std::string>();
  if (!period.is_none()) options.period = period.cast<std::string>();
  if (!password.is_none()) options.password = password.cast<std::string>();
  if (!from_format.is_none()) options.from = from_format.cast<std::string>();
  return options;
}

py::object documents_to_python(const std::vector<trackport::Document>& documents) {
  const std::string json = trackport::to_json(documents);
  return py::module_::import("json").attr("loads")(py::str(json));
}

std::vector<trackport::Document> documents_from_python(const py::object& documents) {
  const std::string json = py::str(py::module_::import("json").attr("dumps")(documents));
  return trackport::from_json(json);
}

}  // namespace

PYBIND11_MODULE(_trackport, m) {
  m.doc() = "trackport's C++ library; use the trackport package around it.";
  m.attr("__version__") = std::string(trackport::version());

  auto error = py::register_exception<trackport::Error>(m, "Error", PyExc_RuntimeError);
  py::register_exception<trackport::InputFailed>(m, "InputFailed", error.ptr());
  py::register_exception<trackport::OutputFailed>(m, "OutputFailed", error.ptr());
  py::register_exception<trackport::InvalidOption>(m, "InvalidOption", error.ptr());
  py::register_exception<trackport::Cancelled>(m, "Cancelled", error.ptr());

  py::class_<CancelToken, std::shared_ptr<CancelToken>>(m, "CancelToken")
      .def(py::init<>())
      .def("cancel", [](CancelToken& token) { token.flag = true; })
      .def_property_readonly("cancelled",
                             [](const CancelToken& token) { return token.flag.load(); });

  m.def("input_formats", &trackport::input_formats);
  m.def("output_formats", &trackport::output_formats);
  m.def(
      "identify", [](const std::string& path) { return trackport::identify(path); },
      py::call_guard<py::gil_scoped_release>());

  m.def(
      "tables",
      [](const std::string& path, const py::object& password) {
        trackport::Options options;
        if (!password.is_none()) options.password = password.cast<std::string>();
        std::string json;
        {
          py::gil_scoped_release release;
          json = trackport::tables_json(path, options);
        }
        return py::module_::import("json").attr("loads")(py::str(json));
      },
      py::arg("path"), py::arg("password") = py::none());

  m.def(
      "convert",
      [](const std::string& source, const py::object& mapping,
         const std::vector<std::string>& mappings, const py::object& organisation,
         const py::object& period, const py::object& password, const py::object& from_format) {
        const auto options =
            options_from(mapping, mappings, organisation, period, password, from_format);
        std::vector<trackport::Document> documents;
        {
          py::gil_scoped_release release;
          documents = trackport::convert(source, options);
        }
        return documents_to_python(documents);
      },
      py::arg("source"), py::arg("mapping") = py::none(),
      py::arg("mappings") = std::vector<std::string>{}, py::arg("organisation") = py::none(),
      py::arg("period") = py::none(), py::arg("password") = py::none(),
      py::arg("from_format") = py::none());

  m.def(
      "convert_batch",
      [](const std::vector<std::string>& inputs, const py::object& mapping,
         const std::vector<std::string>& mappings, const py::object& organisation,
         const py::object& period, const py::object& password, const py::object& from_format,
         unsigned jobs, std::shared_ptr<CancelToken> token) {
        const auto options =
            options_from(mapping, mappings, organisation, period, password, from_format);
        if (!token) token = std::make_shared<CancelToken>();
        trackport::BatchControl control;
        control.jobs = jobs;
        control.cancel = &token->flag;
        auto batch = run_interruptible(
            [&] { return trackport::convert_batch(inputs, options, control); }, token->flag);
        py::dict result;
        result["documents"] = documents_to_python(batch.documents);
        result["converted"] = batch.converted;
        result["failed"] = batch.failed;
        result["errors"] = batch.errors;
        return result;
      },
      py::arg("inputs"), py::arg("mapping") = py::none(),
      py::arg("mappings") = std::vector<std::string>{}, py::arg("organisation") = py::none(),
      py::arg("period") = py::none(), py::arg("password") = py::none(),
      py::arg("from_format") = py::none(), py::arg("jobs") = 1u,
      py::arg("cancel") = std::shared_ptr<CancelToken>());

  m.def(
      "write",
      [](const py::object& documents, const std::string& output, const py::object& format,
         const py::object& table) {
        const auto parsed = documents_from_python(documents);
        const std::string format_name = format.is_none() ? "" : format.cast<std::string>();
        const std::string table_name = table.is_none() ? "" : table.cast<std::string>();
        py::gil_scoped_release release;
        trackport::write(parsed, output, format_name, table_name);
      },
      py::arg("documents"), py::arg("output"), py::arg("format") = py::none(),
      py::arg("table") = py::none());

  m.def(
      "compare",
      [](const py::object& old_document, const py::object& new_document, bool list_progress) {
        const auto old_side = documents_from_python(old_document);
        const auto new_side = documents_from_python(new_document);
        if (old_side.size() != 1 || new_side.size() != 1)
          throw trackport::InvalidOption("compare", "compares one document with one");
        trackport::CompareOptions options;
        options.list_progress = list_progress;
        std::string json;
        {
          py::gil_scoped_release release;
          json = trackport::comparison_json(
              trackport::compare(old_side.front(), new_side.front(), options));
        }
        return py::module_::import("json").attr("loads")(py::str(json));
      },
      py::arg("old"), py::arg("new"), py::arg("list_progress") = false);
}
