import ArgumentParser
import Foundation

/// A reason grading could not even start: exit status 2 with the message.
struct CouldNotGrade: Error {
    var message: String
}
